import type { ReportedUsage, StreamUsageCollector } from '../provider-adapter';
import { SseParser } from '../sse-parser';
import { StreamFacts, type ResponseFacts } from './stream-facts';

// Enough text to estimate any realistic completion; a longer one is counted up to here.
const MAX_TEXT_CHARS = 4_000_000;

export interface FrameReader {
  // The usage a frame reports (cumulative), or null.
  usage?(event: string | null, data: unknown): ReportedUsage | null;
  // Generated text a frame carries, or ''.
  text(event: string | null, data: unknown): string;
}

// Parses each SSE frame once: keeps the last non-null usage (usage objects are cumulative, never summed),
// the generated text, for estimation when no usage ever arrives, and the response's id, model and finish
// reasons.
export class FrameCollector implements StreamUsageCollector {
  private readonly parser = new SseParser();
  private found: ReportedUsage | null = null;
  private readonly texts: string[] = [];
  private textLength = 0;
  private readonly facts = new StreamFacts();

  constructor(private readonly reader: FrameReader) {}

  push(chunk: Uint8Array): void {
    for (const frame of this.parser.push(chunk)) {
      if (frame.data === '[DONE]' || frame.data === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(frame.data);
      } catch {
        continue; // A malformed frame still reaches the client untouched; it only carries nothing to count.
      }
      this.facts.see(data);
      const usage = this.reader.usage?.(frame.event, data) ?? null;
      if (usage) this.found = usage;
      const text = this.reader.text(frame.event, data);
      if (text && this.textLength < MAX_TEXT_CHARS) {
        this.texts.push(text);
        this.textLength += text.length;
      }
    }
  }

  usage(): ReportedUsage | null {
    return this.found;
  }

  text(): string {
    return this.texts.join('');
  }

  responseFacts(): ResponseFacts {
    return this.facts.facts();
  }
}
