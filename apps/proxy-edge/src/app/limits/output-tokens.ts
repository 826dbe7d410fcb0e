// The most output a request may generate, as its body caps it: max_tokens (Chat Completions, Anthropic),
// max_completion_tokens (reasoning models) or max_output_tokens (Responses), times n choices.
export function maxOutputTokens(body: Record<string, unknown>, fallback: number): number {
  const cap = [body['max_completion_tokens'], body['max_tokens'], body['max_output_tokens']].find(
    (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  );
  const n = typeof body['n'] === 'number' && Number.isInteger(body['n']) && body['n'] > 1 ? body['n'] : 1;
  return (cap ?? fallback) * n;
}

// An assistants run declares its most: max_prompt_tokens over the whole run (the thread, the instructions and
// the tools make a prompt the gateway never sees), and max_completion_tokens. Null when it declares none.
export function declaredPromptTokens(body: Record<string, unknown> | null): number | null {
  const bound = body?.['max_prompt_tokens'];
  return typeof bound === 'number' && Number.isInteger(bound) && bound >= 0 ? bound : null;
}
