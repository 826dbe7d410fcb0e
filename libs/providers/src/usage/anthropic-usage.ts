import type { ReportedUsage, StreamUsageCollector, UsageReader } from '../provider-adapter';
import { SseParser } from '../sse-parser';

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

// Anthropic's input_tokens excludes cache reads and writes; the event's promptTokens includes both (as
// OpenAI's does), with the cached and cache-write parts beside it.
export function anthropicUsage(usage: unknown): ReportedUsage | null {
  if (!usage || typeof usage !== 'object') return null;
  const u = usage as AnthropicUsage;
  if (typeof u.input_tokens !== 'number' && typeof u.output_tokens !== 'number') return null;
  const cached = u.cache_read_input_tokens ?? 0;
  const written = u.cache_creation_input_tokens ?? 0;
  const promptTokens = (u.input_tokens ?? 0) + cached + written;
  const completionTokens = u.output_tokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: cached,
    cacheWriteTokens: written,
    reasoningTokens: u.output_tokens_details?.thinking_tokens ?? 0,
    totalTokens: promptTokens + completionTokens,
  };
}

// message_start carries the input side; each message_delta overwrites the fields it has (cumulative, as the
// official SDK merges them: overwrite non-null fields, never add).
class AnthropicStreamCollector implements StreamUsageCollector {
  private readonly parser = new SseParser();
  private snapshot: AnthropicUsage | null = null;

  push(chunk: Uint8Array): void {
    for (const event of this.parser.push(chunk)) {
      if (event.event !== 'message_start' && event.event !== 'message_delta') continue;
      try {
        const data = JSON.parse(event.data) as {
          message?: { usage?: AnthropicUsage };
          usage?: AnthropicUsage;
        };
        const usage = event.event === 'message_start' ? data.message?.usage : data.usage;
        if (!usage) continue;
        const defined = Object.fromEntries(
          Object.entries(usage).filter(([, v]) => v !== null && v !== undefined),
        );
        this.snapshot = { ...(this.snapshot ?? {}), ...defined };
      } catch {
        // Malformed frame: no usage from it.
      }
    }
  }

  usage(): ReportedUsage | null {
    return anthropicUsage(this.snapshot);
  }
}

export const anthropicUsageReader: UsageReader = {
  fromJson: (body) => anthropicUsage((body as { usage?: unknown } | null)?.usage),
  streamCollector: () => new AnthropicStreamCollector(),
};
