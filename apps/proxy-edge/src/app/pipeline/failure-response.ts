import type { Logger } from '@nestjs/common';
import { openAiAdapter, PROVIDER_ADAPTERS, type ProviderAdapter } from '@tollgate/providers';
import { ClientClosedRequest, ProxyError } from '../request/proxy-error';
import type { Outcome, RequestContext } from '../request/request-context';

// Answers a request that a stage ended: the gateway's error in the provider's own shape (so the SDKs raise
// their usual typed errors), or nothing when the client is gone or the response had already begun.
export function answerFailure(ctx: RequestContext, error: unknown, logger: Logger): Outcome {
  if (error instanceof ClientClosedRequest)
    return { status: 499, outcome: 'client_aborted', errorCode: 'client_closed' };
  const failure =
    error instanceof ProxyError
      ? error
      : new ProxyError('internal_error', 'the gateway failed to handle the request');
  if (!(error instanceof ProxyError))
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  const { res } = ctx;
  if (!res.headersSent) {
    const body = JSON.stringify(adapterOf(ctx).errorBody(failure.status, failure.code, failure.message));
    res.writeHead(failure.status, {
      ...failure.headers,
      'server-timing': ctx.timing.header(),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } else res.destroy();
  return {
    status: failure.status,
    outcome: failure.status < 500 ? 'rejected' : 'gateway_error',
    errorCode: failure.code,
  };
}

function adapterOf(ctx: RequestContext): ProviderAdapter {
  return ctx.route?.adapter ?? PROVIDER_ADAPTERS[ctx.provider ?? ''] ?? openAiAdapter;
}
