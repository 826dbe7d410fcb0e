// A body or a redaction the prompt-text functions refuse. The proxy answers a client's bad body with 400 and
// fails closed on a bad redaction (it came from the scan service, so it is a bug, never the client's).
export type PromptTextErrorCode = 'invalid-json' | 'invalid-utf8' | 'too-deep' | 'invalid-redaction';

export class PromptTextException extends Error {
  constructor(
    readonly code: PromptTextErrorCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'PromptTextException';
  }
}
