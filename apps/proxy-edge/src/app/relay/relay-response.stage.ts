import type { ServerResponse } from 'node:http';
import { EventStreamToSse, isStreamedContentType, UsageChunkStripper } from '@tollgate/providers';
import type { ProxyEdgeConfig } from '../config';
import type { Called, Outcome, UsageReport } from '../request/request-context';
import { BodyLog } from './body-log';
import { clientResponseHeaders } from './headers';
import { pump, type PumpEnd } from './response-pump';
import { UsageTee } from './usage-tee';

// Stage 8: the upstream's response to the client as it arrives (a stream is never buffered), with its usage
// read on the way; how it ended is what the event records.
export class RelayResponseStage {
  constructor(private readonly config: Pick<ProxyEdgeConfig, 'LOG_BODY_MAX_BYTES'>) {}

  async run(ctx: Called): Promise<void> {
    const { res, upstream, request } = ctx;
    const { response } = upstream;
    try {
      const contentType = String(response.headers['content-type'] ?? '');
      const streamed = isStreamedContentType(contentType);
      const toSse = streamed && ctx.route.route.anthropicOnBedrock === true;
      res.writeHead(response.statusCode, this.headersOf(ctx, toSse));
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      const tee = new UsageTee(ctx.route, streamed, contentType, ok, response.headers);
      // Not for keys with a PII policy: a response can repeat what the policy redacted (docs/adr/0017).
      const log =
        ctx.key.shouldLogResponse && !ctx.pii
          ? new BodyLog(contentType, this.config.LOG_BODY_MAX_BYTES)
          : null;
      if (log) ctx.responseLog = log;
      const parts = {
        guard: streamed ? ctx.admission.streamGuard : null,
        tee,
        strip: toSse
          ? new EventStreamToSse()
          : streamed && request.stripUsageChunk
            ? new UsageChunkStripper()
            : null,
        log,
      };
      const end = await pump(response.body as AsyncIterable<Buffer>, res, parts, upstream.clientGone);
      finishResponse(res, end);
      ctx.report = reportOf(tee, end);
      ctx.outcome = outcomeOf(response.statusCode, ok, end);
    } finally {
      upstream.finish();
    }
  }

  // The upstream's headers, with the gateway's request id and its own time (Server-Timing) added. The
  // provider's request id, which its support asks for, is kept as x-upstream-request-id.
  // A Bedrock stream relayed to a client of Anthropic's API is SSE, its length unknown until it ends.
  private headersOf(
    { upstream, requestId, timing }: Called,
    toSse: boolean,
  ): Record<string, string | string[]> {
    const headers = clientResponseHeaders(upstream.response.headers);
    if (toSse) {
      headers['content-type'] = 'text/event-stream; charset=utf-8';
      delete headers['content-length'];
    }
    const providerId = headers['x-request-id'];
    if (providerId !== undefined) headers['x-upstream-request-id'] = providerId;
    headers['x-request-id'] = requestId;
    headers['server-timing'] = timing.headerAfter(upstream.response.headers['server-timing']);
    return headers;
  }
}

function finishResponse(res: ServerResponse, end: PumpEnd): void {
  // A broken upstream body cannot be ended cleanly: the client must see the connection fail, not a short body.
  if (end === 'interrupted') res.destroy();
  else if (end !== 'client_gone') res.end();
}

function reportOf(tee: UsageTee, end: PumpEnd): UsageReport {
  const report = tee.report(end === 'complete');
  // A capped stream never got to the provider's usage report: what was sent is counted instead.
  return end === 'cut' ? { ...report, usage: null } : report;
}

function outcomeOf(status: number, ok: boolean, end: PumpEnd): Outcome {
  switch (end) {
    case 'complete':
      return { status, outcome: ok ? 'success' : 'upstream_error', errorCode: null };
    case 'cut':
      return { status, outcome: 'success', errorCode: 'stream_capped' };
    case 'client_gone':
      return { status, outcome: 'client_aborted', errorCode: 'client_closed' };
    case 'interrupted':
      return { status, outcome: 'gateway_error', errorCode: 'upstream_interrupted' };
  }
}
