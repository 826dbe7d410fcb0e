import type { ServerResponse } from 'node:http';

export class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The gateway's own errors in the OpenAI shape, which the official SDKs parse into typed errors.
export function sendOpenAiError(res: ServerResponse, error: ProxyError): void {
  const body = JSON.stringify({
    error: { message: `[Tollgate] ${error.message}`, type: 'tollgate_error', param: null, code: error.code },
  });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
