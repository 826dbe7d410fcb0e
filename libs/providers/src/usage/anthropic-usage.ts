import type { ReportedUsage, StreamUsageCollector, UsageReader } from '../provider-adapter';
import { FrameCollector } from './stream-collector';

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  // The split of the cache writes by TTL.
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
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
    cacheWrite1hTokens: u.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    reasoningTokens: u.output_tokens_details?.thinking_tokens ?? 0,
    totalTokens: promptTokens + completionTokens,
  };
}

// message_start carries the input side; each message_delta overwrites the fields it has (cumulative, as the
// official SDK merges them: overwrite non-null fields, never add). Fed one parsed event at a time, by the SSE
// collector here or by Bedrock's event-stream collector (the same events, framed differently).
export class AnthropicStreamUsage {
  private snapshot: AnthropicUsage | null = null;

  // The generated text the event carries, or ''.
  event(event: string | null, data: unknown): string {
    if (!data || typeof data !== 'object') return ''; // Anthropic's events are objects; nothing else counts.
    if (event === 'message_start' || event === 'message_delta') {
      const d = data as { message?: { usage?: AnthropicUsage }; usage?: AnthropicUsage };
      const usage = event === 'message_start' ? d.message?.usage : d.usage;
      if (usage) {
        const defined = Object.fromEntries(
          Object.entries(usage).filter(([, v]) => v !== null && v !== undefined),
        );
        this.snapshot = { ...(this.snapshot ?? {}), ...defined };
      }
      return '';
    }
    const delta = (data as { delta?: { type?: string; text?: unknown } }).delta;
    return event === 'content_block_delta' && delta?.type === 'text_delta' && typeof delta.text === 'string'
      ? delta.text
      : '';
  }

  usage(): ReportedUsage | null {
    return anthropicUsage(this.snapshot);
  }
}

function anthropicStreamCollector(): StreamUsageCollector {
  const usage = new AnthropicStreamUsage();
  const frames = new FrameCollector({ text: (event, data) => usage.event(event, data) });
  return {
    push: (chunk) => frames.push(chunk),
    usage: () => usage.usage(),
    text: () => frames.text(),
    responseFacts: () => frames.responseFacts(),
  };
}

export function contentText(body: unknown): string {
  const content = (body as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) => {
      const b = (block ?? {}) as { type?: unknown; text?: unknown };
      return b.type === 'text' && typeof b.text === 'string' ? b.text : '';
    })
    .join('');
}

export const anthropicUsageReader: UsageReader = {
  fromJson: (body) => anthropicUsage((body as { usage?: unknown } | null)?.usage),
  textFromJson: contentText,
  streamCollector: anthropicStreamCollector,
};

// The legacy text completions API (/v1/complete) reports no usage: only its text can be counted.
export const completionOf = (data: unknown): string => {
  const completion = (data as { completion?: unknown } | null)?.completion;
  return typeof completion === 'string' ? completion : '';
};

export const anthropicLegacyUsageReader: UsageReader = {
  fromJson: () => null,
  textFromJson: completionOf,
  streamCollector: () => new FrameCollector({ text: (_event, data) => completionOf(data) }),
};
