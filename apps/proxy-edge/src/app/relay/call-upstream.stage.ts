import { Logger } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import { InvalidUpstreamUrl } from '@tollgate/providers';
import type { ProxyEdgeConfig } from '../config';
import { ClientClosedRequest, ProxyError } from '../request/proxy-error';
import type { Admitted, Called, ProxiedRequest } from '../request/request-context';
import { upstreamRequestHeaders } from './headers';
import type { UpstreamClient } from './upstream.client';
import { startUpstreamSpan } from './upstream-span';

// Stage 7: the provider's answer, through its adapter (URL, credentials), within the request's deadline and
// only while the client is there.
export class CallUpstreamStage {
  private readonly logger = new Logger(CallUpstreamStage.name);

  constructor(
    private readonly upstream: Pick<UpstreamClient, 'send'>,
    private readonly config: Pick<ProxyEdgeConfig, 'MAX_REQUEST_BODY_BYTES'>,
  ) {}

  async run(ctx: Admitted): Promise<Called> {
    const { res, route, request } = ctx;
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
    const url = upstreamUrlOf(ctx);
    // Only a signing provider waits here: every other call starts within the same tick as the stage.
    const headers = route.adapter.signRequest ? await signedHeaders(ctx, url) : staticHeaders(ctx);
    if (clientGone.signal.aborted) throw new ClientClosedRequest();
    const deadline = setTimeout(() => call.abort(), request.timeoutMs);
    const finish = () => clearTimeout(deadline);
    ctx.upstreamSpan = startUpstreamSpan(ctx, url, headers);
    ctx.timing.upstreamCalled();
    try {
      const response = await this.upstream.send(url, {
        method: route.route.method as Dispatcher.HttpMethod,
        headers,
        body: request.upload ? request.upload.pipe() : request.bytes,
        signal: call.signal,
      });
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
    // The cause names the upstream's host and port, which may be internal: logged, not answered.
    this.logger.warn(`upstream request failed: ${String(error)}`);
    return new ProxyError('upstream_unreachable', 'the upstream provider could not be reached');
  }
}

// The client's forwardable headers with the provider's credentials: a static header, or (AWS) a signature of
// the whole request, computed here because it covers the URL and the exact bytes sent.
function staticHeaders({ req, route, access }: Admitted): Record<string, string> {
  return upstreamRequestHeaders(req.headers, route.adapter.authHeaders(access.setting.secrets));
}

async function signedHeaders(
  { req, route, access, request }: Admitted,
  url: string,
): Promise<Record<string, string>> {
  const headers = upstreamRequestHeaders(req.headers, {});
  if (!route.adapter.signRequest) return headers;
  return route.adapter.signRequest(access.setting, {
    method: route.route.method,
    url,
    headers,
    body: request.bytes,
  });
}

// The provider URL of the route as matched (never the raw request path); one the URL parser would rewrite is
// refused rather than sent changed.
function upstreamUrlOf({ route, access }: Admitted): string {
  try {
    return route.adapter.upstreamUrl(access.setting, route.upstream);
  } catch (error) {
    if (!(error instanceof InvalidUpstreamUrl)) throw error;
    if (error.reason === 'rewritten_path')
      throw new ProxyError('invalid_path', 'the path would be rewritten');
    throw new ProxyError('upstream_unreachable', 'the provider setting has no valid URL');
  }
}
