import type { ReportedUsage, StreamUsageCollector, UsageReader } from '../provider-adapter';
import { SseParser } from '../sse-parser';

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

// Takes the last non-null usage seen on the stream; usage objects are cumulative, never summed.
class LastUsageCollector implements StreamUsageCollector {
  private readonly parser = new SseParser();
  private found: ReportedUsage | null = null;

  constructor(
    private readonly read: (event: { event: string | null; data: unknown }) => ReportedUsage | null,
  ) {}

  push(chunk: Uint8Array): void {
    for (const event of this.parser.push(chunk)) {
      // Cheap pre-check: most frames carry no usage object at all.
      if (!event.data.includes('"usage":{')) continue;
      try {
        const usage = this.read({ event: event.event, data: JSON.parse(event.data) as unknown });
        if (usage) this.found = usage;
      } catch {
        // A malformed frame carries no usage; the client receives it untouched all the same.
      }
    }
  }

  usage(): ReportedUsage | null {
    return this.found;
  }
}

export const openAiUsageReader: UsageReader = {
  fromJson: (body) => openAiUsage((body as { usage?: unknown } | null)?.usage),
  streamCollector: () =>
    new LastUsageCollector(({ data }) => openAiUsage((data as { usage?: unknown }).usage)),
};

// Streams carry usage on the terminal response.completed / .incomplete / .failed event.
export const responsesUsageReader: UsageReader = {
  fromJson: (body) => responsesUsage((body as { usage?: unknown } | null)?.usage),
  streamCollector: () =>
    new LastUsageCollector(({ data }) =>
      responsesUsage((data as { response?: { usage?: unknown } }).response?.usage),
    ),
};
