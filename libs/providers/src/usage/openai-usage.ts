import type { ReportedUsage, UsageReader } from '../provider-adapter';
import { FrameCollector } from './stream-collector';

const n = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

// Chat and legacy completions, embeddings: prompt_tokens includes cached and cache-write tokens,
// completion_tokens includes reasoning. Details objects may be absent: every missing field counts as 0.
export function openAiUsage(usage: unknown): ReportedUsage | null {
  if (!usage || typeof usage !== 'object') return null;
  const u = usage as Record<string, unknown>;
  if (typeof u['prompt_tokens'] !== 'number' && typeof u['completion_tokens'] !== 'number') return null;
  const prompt = (u['prompt_tokens_details'] ?? {}) as Record<string, unknown>;
  const completion = (u['completion_tokens_details'] ?? {}) as Record<string, unknown>;
  const promptTokens = n(u['prompt_tokens']);
  const completionTokens = n(u['completion_tokens']);
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: n(prompt['cached_tokens']),
    cacheWriteTokens: n(prompt['cache_write_tokens']),
    reasoningTokens: n(completion['reasoning_tokens']),
    totalTokens: typeof u['total_tokens'] === 'number' ? u['total_tokens'] : promptTokens + completionTokens,
  };
}

// The Responses API: input_tokens includes cached, output_tokens includes reasoning.
export function responsesUsage(usage: unknown): ReportedUsage | null {
  if (!usage || typeof usage !== 'object') return null;
  const u = usage as Record<string, unknown>;
  if (typeof u['input_tokens'] !== 'number' && typeof u['output_tokens'] !== 'number') return null;
  const input = (u['input_tokens_details'] ?? {}) as Record<string, unknown>;
  const output = (u['output_tokens_details'] ?? {}) as Record<string, unknown>;
  const promptTokens = n(u['input_tokens']);
  const completionTokens = n(u['output_tokens']);
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: n(input['cached_tokens']),
    cacheWriteTokens: n(input['cache_write_tokens']),
    reasoningTokens: n(output['reasoning_tokens']),
    totalTokens: typeof u['total_tokens'] === 'number' ? u['total_tokens'] : promptTokens + completionTokens,
  };
}

interface ChoiceLike {
  delta?: { content?: unknown };
  message?: { content?: unknown };
  text?: unknown;
}

function choicesText(data: unknown, field: 'delta' | 'message'): string {
  const choices = (data as { choices?: ChoiceLike[] } | null)?.choices;
  if (!Array.isArray(choices)) return '';
  return choices
    .map((c) => {
      const content = c[field]?.content;
      return typeof content === 'string' ? content : typeof c.text === 'string' ? c.text : '';
    })
    .join('');
}

function responsesOutputText(response: unknown): string {
  const output = (response as { output?: { content?: { type?: string; text?: unknown }[] }[] } | null)
    ?.output;
  if (!Array.isArray(output)) return '';
  return output
    .flatMap((item) => item.content ?? [])
    .map((part) => (part.type === 'output_text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

export const openAiUsageReader: UsageReader = {
  fromJson: (body) => openAiUsage((body as { usage?: unknown } | null)?.usage),
  textFromJson: (body) => choicesText(body, 'message'),
  streamCollector: () =>
    new FrameCollector({
      usage: (_event, data) => openAiUsage((data as { usage?: unknown }).usage),
      text: (_event, data) => choicesText(data, 'delta'),
    }),
};

// Streams carry usage on the terminal response.completed / .incomplete / .failed event.
export const responsesUsageReader: UsageReader = {
  fromJson: (body) => responsesUsage((body as { usage?: unknown } | null)?.usage),
  textFromJson: responsesOutputText,
  streamCollector: () =>
    new FrameCollector({
      usage: (_event, data) => responsesUsage((data as { response?: { usage?: unknown } }).response?.usage),
      text: (_event, data) => {
        const d = data as { type?: string; delta?: unknown };
        return d.type === 'response.output_text.delta' && typeof d.delta === 'string' ? d.delta : '';
      },
    }),
};
