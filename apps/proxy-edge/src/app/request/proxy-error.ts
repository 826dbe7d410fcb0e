import { gatewayErrorStatus, type GatewayErrorCode } from '@tollgate/providers';

// How a request ended when it did not end with the upstream's response: the gateway's own error codes, and
// those that end a request without one (the client left, the upstream broke off, a stream was capped).
export type EventErrorCode = GatewayErrorCode | 'client_closed' | 'upstream_interrupted' | 'stream_capped';

// A refusal or failure the gateway answers itself, with the status its code stands for.
export class ProxyError extends Error {
  readonly status: number;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    // Sent with the error: Retry-After and x-ratelimit-* on a 429.
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = gatewayErrorStatus(code);
  }
}

// The client went away before the upstream answered: nothing is sent, the request is recorded as aborted.
export class ClientClosedRequest extends Error {
  constructor() {
    super('the client closed the request');
  }
}
