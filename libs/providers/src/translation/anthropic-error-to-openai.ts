// Anthropic error body → OpenAI error body.
export interface TranslatedError {
  status: number;
  body: Record<string, unknown>;
}

export function anthropicErrorToOpenAi(_status: number, _body: unknown): TranslatedError {
  throw new Error('anthropicErrorToOpenAi: not implemented yet');
}
