// The model a response says it came from: what Azure bills (a deployment name is not a model).
export function responseModelOfJson(body: unknown): string {
  const model = (body as { model?: unknown; message?: { model?: unknown } } | null)?.model;
  return typeof model === 'string' ? model : '';
}

// The id a response carries (a Responses API response is billed once, by its id).
export function responseIdOfJson(body: unknown): string {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
}

// Why a JSON response ended: per choice (OpenAI chat and completions), or its one stop reason (Anthropic).
export function finishReasonsOfJson(json: unknown): string[] {
  if (!json || typeof json !== 'object') return [];
  const { choices, stop_reason: stopReason } = json as { choices?: unknown; stop_reason?: unknown };
  if (typeof stopReason === 'string') return [stopReason];
  if (!Array.isArray(choices)) return [];
  return choices
    .map((choice) => (choice as { finish_reason?: unknown } | null)?.finish_reason)
    .filter((reason): reason is string => typeof reason === 'string');
}
