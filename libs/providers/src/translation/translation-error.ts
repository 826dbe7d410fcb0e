// A request the translation between OpenAI chat and Anthropic messages cannot carry without changing its
// meaning (n > 1, logprobs, a malformed message). The caller answers it as a 400; it never reaches a provider.
export type TranslationErrorCode = 'unsupported_parameter' | 'invalid_request';

export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  readonly status = 400;

  constructor(
    readonly code: TranslationErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }

  // The body an OpenAI client of the route gets (the SDKs raise BadRequestError with this code and param).
  toOpenAiBody(): Record<string, unknown> {
    return {
      error: { message: this.message, type: 'invalid_request_error', param: this.param, code: this.code },
    };
  }

  // The body an Anthropic client gets.
  toAnthropicBody(): Record<string, unknown> {
    return { type: 'error', error: { type: 'invalid_request_error', message: this.message } };
  }
}
