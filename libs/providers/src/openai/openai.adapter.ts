import type { ProviderAdapter, ReportedUsage, StreamUsageCollector } from '../provider-adapter';
import { SseParser } from '../sse-parser';

interface OpenAiUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

// Details objects may be absent (older models, compatible servers): every missing field counts as 0.
export function openAiUsage(usage: unknown): ReportedUsage | null {
  if (!usage || typeof usage !== 'object') return null;
  const u = usage as OpenAiUsage;
  if (typeof u.prompt_tokens !== 'number' && typeof u.completion_tokens !== 'number') return null;
  const promptTokens = u.prompt_tokens ?? 0;
  const completionTokens = u.completion_tokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: u.total_tokens ?? promptTokens + completionTokens,
  };
}

class OpenAiStreamUsageCollector implements StreamUsageCollector {
  private readonly parser = new SseParser();
  private found: ReportedUsage | null = null;

  push(chunk: Uint8Array): void {
    for (const event of this.parser.push(chunk)) {
      // Cheap pre-check: only the final chunk carries a non-null usage object.
      if (event.data === '[DONE]' || !event.data.includes('"usage":{')) continue;
      try {
        const usage = openAiUsage((JSON.parse(event.data) as { usage?: unknown }).usage);
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

export const openAiAdapter: ProviderAdapter = {
  name: 'openai',
  defaultBaseUrl: 'https://api.openai.com',
  authHeaders: (secrets): Record<string, string> =>
    secrets['apikey'] ? { authorization: `Bearer ${secrets['apikey']}` } : {},
  usageFromJson: (body) => openAiUsage((body as { usage?: unknown } | null)?.usage),
  streamUsageCollector: () => new OpenAiStreamUsageCollector(),
};
