import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

export type EventStreamMessage = ReturnType<EventStreamCodec['decode']>;

// A message's first 4 bytes are its total length (big-endian); the codec checks its prelude and CRCs.
const PRELUDE_LENGTH_BYTES = 4;
// The format's limit for one message (16 MiB): a longer declared length is corrupt, not worth waiting for.
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

// The binary event-stream framing (application/vnd.amazon.eventstream), as it arrives in arbitrary pieces:
// whole messages out, each decoded by the SDK's codec. A corrupt message stops the reading (the bytes still
// reach the client untouched; only the gateway stops counting).
export class EventStreamFrames {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);
  private pending = Buffer.alloc(0);
  private broken = false;

  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.broken) return [];
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const messages: EventStreamMessage[] = [];
    while (this.pending.length >= PRELUDE_LENGTH_BYTES) {
      const length = this.pending.readUInt32BE(0);
      if (length > MAX_MESSAGE_BYTES) return this.stop(messages);
      if (this.pending.length < length) break;
      try {
        messages.push(this.codec.decode(this.pending.subarray(0, length)));
      } catch {
        return this.stop(messages);
      }
      this.pending = this.pending.subarray(length);
    }
    return messages;
  }

  private stop(messages: EventStreamMessage[]): EventStreamMessage[] {
    this.broken = true;
    this.pending = Buffer.alloc(0);
    return messages;
  }
}

// A header's string value (':event-type', ':message-type', ...), or ''.
export function headerString(message: EventStreamMessage, name: string): string {
  const header = message.headers[name];
  return header?.type === 'string' ? header.value : '';
}

// The codec's encoder, for the fake upstream: the same framing, the other way.
export function encodeEventStreamMessage(message: EventStreamMessage): Uint8Array {
  return new EventStreamCodec(toUtf8, fromUtf8).encode(message);
}
