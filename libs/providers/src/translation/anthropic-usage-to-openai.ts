// Anthropic usage → OpenAI usage. Anthropic's input_tokens leaves out cache reads and writes; OpenAI's
// prompt_tokens includes them, with the cached part (and the cache writes) broken out beside it.
import { isObject, type Json } from './json-shapes';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function openAiUsageOf(usage: unknown): Json | null {
  if (!isObject(usage)) return null;
  const cached = count(usage['cache_read_input_tokens']);
  const written = count(usage['cache_creation_input_tokens']);
  const prompt = count(usage['input_tokens']) + cached + written;
  const completion = count(usage['output_tokens']);
  const thinking = isObject(usage['output_tokens_details'])
    ? count(usage['output_tokens_details']['thinking_tokens'])
    : 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached, cache_write_tokens: written },
    completion_tokens_details: { reasoning_tokens: thinking },
  };
}

// The stream reports usage in pieces: message_start has the input side, each message_delta overwrites the
// fields it carries (cumulative counts, as the official SDK merges them: never add).
export function mergeUsage(snapshot: Json, update: unknown): Json {
  if (!isObject(update)) return snapshot;
  const defined = Object.entries(update).filter(([, v]) => v !== null && v !== undefined);
  return { ...snapshot, ...Object.fromEntries(defined) };
}
