import type { Dispatcher } from 'undici';
import type { ProxyEdgeConfig } from '../config';
import { ClientClosedRequest, ProxyError } from '../request/proxy-error';
import type { Admitted, Called, ProxiedRequest } from '../request/request-context';
import { upstreamRequestHeaders } from './headers';
import type { UpstreamClient } from './upstream.client';

// Stage 7: the provider's answer, through its adapter (URL, credentials), within the request's deadline and
// only while the client is there.
export class CallUpstreamStage {
  constructor(
    private readonly upstream: Pick<UpstreamClient, 'send'>,
    private readonly config: Pick<ProxyEdgeConfig, 'MAX_REQUEST_BODY_BYTES'>,
  ) {}

  async run(ctx: Admitted): Promise<Called> {
    const { req, res, route, access, request } = ctx;
    // The call ends at the deadline or when the client goes away, whichever comes first. One plain timer,
    // cleared when the relay ends: AbortSignal.timeout and AbortSignal.any keep a timer and weak references
    // alive per request for the whole timeout (measured: about a sixth more CPU per request).
    const clientGone = new AbortController();
    const call = new AbortController();
    res.once('close', () => {
      if (res.writableFinished) return;
      clientGone.abort();
      call.abort();
    });
    const deadline = setTimeout(() => call.abort(), request.timeoutMs);
    const finish = () => clearTimeout(deadline);
    ctx.timing.upstreamCalled();
    try {
      const response = await this.upstream.send(
        route.adapter.upstreamUrl(access.setting, route.upstreamSuffix),
        {
          method: route.route.method as Dispatcher.HttpMethod,
          headers: upstreamRequestHeaders(req.headers, route.adapter.authHeaders(access.setting.secrets)),
          body: request.upload ? request.upload.pipe() : request.bytes,
          signal: call.signal,
        },
      );
      ctx.timing.upstreamAnswered();
      return Object.assign(ctx, { upstream: { response, clientGone: clientGone.signal, finish } });
    } catch (error) {
      ctx.timing.upstreamAnswered();
      finish();
      throw this.failureOf(error, request, clientGone.signal, call.signal);
    }
  }

  private failureOf(
    error: unknown,
    request: ProxiedRequest,
    clientGone: AbortSignal,
    call: AbortSignal,
  ): Error {
    if (request.upload?.exceeded)
      return new ProxyError(
        'request_too_large',
        `request body over ${this.config.MAX_REQUEST_BODY_BYTES} bytes`,
      );
    if (clientGone.aborted) return new ClientClosedRequest();
    if (call.aborted)
      return new ProxyError('upstream_timeout', `upstream did not answer within ${request.timeoutMs} ms`);
    return new ProxyError('upstream_unreachable', `upstream request failed: ${String(error)}`);
  }
}
