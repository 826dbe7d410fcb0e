import type { ServerResponse } from 'node:http';
import { openAiErrorBody } from '@tollgate/providers';

export class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Sent with the error: Retry-After and x-ratelimit-* on a 429.
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export type ErrorBodyOf = (status: number, code: string, message: string) => unknown;

// The gateway's own errors, in the shape the provider's SDKs parse (OpenAI's unless told otherwise).
export function sendProxyError(
  res: ServerResponse,
  error: ProxyError,
  bodyOf: ErrorBodyOf = openAiErrorBody,
): void {
  const body = JSON.stringify(bodyOf(error.status, error.code, error.message));
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
