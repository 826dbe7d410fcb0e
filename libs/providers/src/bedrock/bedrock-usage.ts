import type { ReportedUsage, StreamUsageCollector, UsageReader } from '../provider-adapter';
import { AnthropicStreamUsage, anthropicUsageReader, completionOf } from '../usage/anthropic-usage';
import { StreamFacts, type ResponseFacts } from '../usage/stream-facts';
import { EventStreamFrames, headerString, type EventStreamMessage } from './event-stream-frames';

// Enough text to estimate any realistic completion (as the SSE collector keeps).
const MAX_TEXT_CHARS = 4_000_000;

// Bedrock's own count, on the last chunk of an invoke stream.
interface InvocationMetrics {
  inputTokenCount?: number;
  outputTokenCount?: number;
}

// InvokeModelWithResponseStream: each event-stream message of type `chunk` carries {"bytes": base64} whose
// decoded JSON is one Anthropic stream event (message_start, content_block_delta, message_delta, ...), the
// last with Bedrock's `amazon-bedrock-invocationMetrics`. Anthropic's usage events win; the metrics stand in
// when they are missing.
export class BedrockStreamCollector implements StreamUsageCollector {
  private readonly frames = new EventStreamFrames();
  private readonly anthropic = new AnthropicStreamUsage();
  private readonly facts = new StreamFacts();
  private metrics: InvocationMetrics | null = null;
  private readonly texts: string[] = [];
  private textLength = 0;

  push(chunk: Uint8Array): void {
    for (const message of this.frames.push(chunk)) {
      const event = chunkEvent(message);
      if (!event) continue;
      const metrics = event['amazon-bedrock-invocationMetrics'];
      if (metrics && typeof metrics === 'object') this.metrics = metrics as InvocationMetrics;
      this.facts.see(event);
      // Messages events name their type; a text completion's chunks ({completion, stop_reason}) do not.
      const type = typeof event['type'] === 'string' ? event['type'] : null;
      const text = type ? this.anthropic.event(type, event) : completionOf(event);
      if (text && this.textLength < MAX_TEXT_CHARS) {
        this.texts.push(text);
        this.textLength += text.length;
      }
    }
  }

  usage(): ReportedUsage | null {
    return this.anthropic.usage() ?? metricsUsage(this.metrics);
  }

  text(): string {
    return this.texts.join('');
  }

  responseFacts(): ResponseFacts {
    return this.facts.facts();
  }
}

// The Anthropic event inside a `chunk` message, or null (exceptions and anything unreadable are relayed, not
// counted).
function chunkEvent(message: EventStreamMessage): Record<string, unknown> | null {
  if (headerString(message, ':message-type') !== 'event' || headerString(message, ':event-type') !== 'chunk')
    return null;
  try {
    const payload = JSON.parse(Buffer.from(message.body).toString('utf8')) as { bytes?: unknown };
    if (typeof payload.bytes !== 'string') return null;
    const event: unknown = JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'));
    return event && typeof event === 'object' ? (event as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function metricsUsage(metrics: InvocationMetrics | null): ReportedUsage | null {
  if (!metrics || typeof metrics.inputTokenCount !== 'number') return null;
  return countedUsage(metrics.inputTokenCount, metrics.outputTokenCount ?? 0);
}

// InvokeModel's token counts, in its response headers.
function headerUsage(headers: Readonly<Record<string, string | string[] | undefined>>): ReportedUsage | null {
  const count = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null;
  };
  const input = count('x-amzn-bedrock-input-token-count');
  return input === null ? null : countedUsage(input, count('x-amzn-bedrock-output-token-count') ?? 0);
}

function countedUsage(promptTokens: number, completionTokens: number): ReportedUsage {
  return {
    promptTokens,
    completionTokens,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    totalTokens: promptTokens + completionTokens,
  };
}

// InvokeModel answers with the model's own JSON (Anthropic's Messages response with its usage, or a text
// completion without) and Bedrock's token counts in headers; the stream is Bedrock's event-stream.
export const bedrockUsageReader: UsageReader = {
  fromJson: anthropicUsageReader.fromJson,
  // A Messages response's content, or a text completion's `completion`.
  textFromJson: (body) => anthropicUsageReader.textFromJson(body) || completionOf(body),
  streamCollector: () => new BedrockStreamCollector(),
  fromHeaders: headerUsage,
};
