// A chat request the Anthropic translation cannot carry without changing its meaning (n > 1, logprobs, a
// malformed message). The caller answers it as a 400 in the OpenAI error shape; it never reaches a provider.
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
}
