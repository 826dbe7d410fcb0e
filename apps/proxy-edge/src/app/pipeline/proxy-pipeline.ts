import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { AuthenticateStage } from '../auth/authenticate.stage';
import type { AuthorizeStage } from '../auth/authorize.stage';
import type { PriceStage } from '../billing/price.stage';
import type { SettleStage } from '../billing/settle.stage';
import type { AdmitStage } from '../limits/admit.stage';
import type { PiiStage } from '../pii/pii.stage';
import type { CallUpstreamStage } from '../relay/call-upstream.stage';
import type { CountPromptStage } from '../relay/count-prompt.stage';
import type { ReadRequestStage } from '../relay/read-request.stage';
import type { RelayResponseStage } from '../relay/relay-response.stage';
import type { RequestContext } from '../request/request-context';
import { ServerTiming } from '../request/server-timing';
import type { ResolveRouteStage } from '../routing/resolve-route.stage';
import type { RecordStage } from '../usage/record.stage';
import { answerFailure } from './failure-response';

export interface ProxyStages {
  resolveRoute: Pick<ResolveRouteStage, 'run'>;
  authenticate: Pick<AuthenticateStage, 'run'>;
  readRequest: Pick<ReadRequestStage, 'run'>;
  authorize: Pick<AuthorizeStage, 'run'>;
  price: Pick<PriceStage, 'run'>;
  countPrompt: Pick<CountPromptStage, 'run'>;
  admit: Pick<AdmitStage, 'run'>;
  pii: Pick<PiiStage, 'run'>;
  callUpstream: Pick<CallUpstreamStage, 'run'>;
  relay: Pick<RelayResponseStage, 'run'>;
  settle: Pick<SettleStage, 'run'>;
  record: Pick<RecordStage, 'run'>;
}

// One request through the gateway, the whole sequence in one place. Each stage receives what the stages
// before it added to the request's context; the first to refuse or fail ends it. Whatever happens, the
// request is answered once, settled and recorded (exactly one usage event).
export class ProxyPipeline {
  private readonly logger = new Logger(ProxyPipeline.name);

  constructor(private readonly stages: ProxyStages) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctx = newContext(req, res);
    const s = this.stages;
    try {
      const routed = s.resolveRoute.run(ctx);
      const authenticated = await s.authenticate.run(routed);
      const read = await s.readRequest.run(authenticated);
      const authorized = s.authorize.run(read);
      const priced = s.price.run(authorized);
      const counted = await s.countPrompt.run(priced);
      const admitted = await s.admit.run(counted);
      const screened = await s.pii.run(admitted);
      const called = await s.callUpstream.run(screened);
      await s.relay.run(called);
    } catch (error) {
      ctx.outcome = answerFailure(ctx, error, this.logger);
    } finally {
      ctx.endedAt = performance.now();
      ctx.admission?.release();
      ctx.held?.release();
      drainUnread(req);
    }
    try {
      await s.settle.run(ctx);
    } catch (error) {
      // Recorded unpriced rather than lost: the event still says what ran.
      this.logger.error(`settling request ${ctx.requestId} failed: ${String(error)}`);
    }
    s.record.run(ctx);
  }
}

// A body a stage refused before reading it all is read to its end and dropped, not held or destroyed: the
// client gets its answer, and the connection can be reused.
function drainUnread(req: IncomingMessage): void {
  if (!req.readableEnded && !req.destroyed) req.resume();
}

// The context is created once, here; the request id is returned on every response and names its event.
function newContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  const requestId = randomUUID();
  res.setHeader('x-request-id', requestId);
  return { requestId, req, res, timing: new ServerTiming(), receivedAt: performance.now() };
}
