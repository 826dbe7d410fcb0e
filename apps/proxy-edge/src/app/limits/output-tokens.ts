// The most output a request may generate, as its body caps it: max_tokens (Chat Completions, Anthropic),
// max_completion_tokens (reasoning models) or max_output_tokens (Responses), times n choices.
export function maxOutputTokens(body: Record<string, unknown>, fallback: number): number {
  const cap = [body['max_completion_tokens'], body['max_tokens'], body['max_output_tokens']].find(
    (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  );
  const n = typeof body['n'] === 'number' && Number.isInteger(body['n']) && body['n'] > 1 ? body['n'] : 1;
  return (cap ?? fallback) * n;
}
