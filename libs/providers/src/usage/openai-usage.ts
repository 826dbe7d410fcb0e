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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

// Each choice's text (a chat delta's or message's content, or a completion's text); providers' odd shapes
// (a null choice, a number for content) carry none.
function choicesText(data: unknown, field: 'delta' | 'message'): string {
  const choices = isObject(data) ? data['choices'] : undefined;
  if (!Array.isArray(choices)) return '';
  return choices
    .map((choice: unknown) => {
      if (!isObject(choice)) return '';
      const part = choice[field];
      const content = isObject(part) ? part['content'] : undefined;
      const text = choice['text'];
      return typeof content === 'string' ? content : typeof text === 'string' ? text : '';
    })
    .join('');
}

function responsesOutputText(response: unknown): string {
  const output = isObject(response) ? response['output'] : undefined;
  if (!Array.isArray(output)) return '';
  return output
    .flatMap((item: unknown) => {
      const content = isObject(item) ? item['content'] : undefined;
      return Array.isArray(content) ? content : [];
    })
    .map((part: unknown) =>
      isObject(part) && part['type'] === 'output_text' && typeof part['text'] === 'string'
        ? part['text']
        : '',
    )
    .join('');
}

export const openAiUsageReader: UsageReader = {
  fromJson: (body) => openAiUsage((body as { usage?: unknown } | null)?.usage),
  textFromJson: (body) => choicesText(body, 'message'),
  streamCollector: () =>
    new FrameCollector({
      usage: (_event, data) => openAiUsage((data as { usage?: unknown } | null)?.usage),
      text: (_event, data) => choicesText(data, 'delta'),
    }),
};

// Streams carry usage on the terminal response.completed / .incomplete / .failed event.
export const responsesUsageReader: UsageReader = {
  fromJson: (body) => responsesUsage((body as { usage?: unknown } | null)?.usage),
  textFromJson: responsesOutputText,
  streamCollector: () =>
    new FrameCollector({
      usage: (_event, data) =>
        responsesUsage((data as { response?: { usage?: unknown } } | null)?.response?.usage),
      text: (_event, data) => {
        const d = (data ?? {}) as { type?: unknown; delta?: unknown };
        return d.type === 'response.output_text.delta' && typeof d.delta === 'string' ? d.delta : '';
      },
    }),
};
