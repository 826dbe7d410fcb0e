import type { ProxyEdgeConfig } from '../config';
import { BodyLog } from '../relay/body-log';
import { headerOf } from '../request/request-headers';
import type { Admitted, BodyRecorder } from '../request/request-context';

// The logged request body of a scanned request: what was forwarded (the redacted body when the policy
// redacts), never what the client sent, cut at the same limit as any logged body.
export function replaceRequestLog(
  ctx: Admitted,
  forwarded: Buffer,
  config: Pick<ProxyEdgeConfig, 'LOG_BODY_MAX_BYTES'>,
): BodyRecorder {
  const log = new BodyLog(headerOf(ctx.req, 'content-type'), config.LOG_BODY_MAX_BYTES);
  log.push(forwarded);
  return log;
}
