import type { LoggedBody } from '@tollgate/contracts';

// Keeps the first `limit` bytes of a body for the event log (shouldLogRequest / shouldLogResponse).
export class BodyLog {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private cut = false;

  constructor(
    private readonly contentType: string,
    private readonly limit: number,
  ) {}

  push(chunk: Buffer): void {
    if (this.size >= this.limit) {
      this.cut ||= chunk.length > 0;
      return;
    }
    const room = this.limit - this.size;
    if (chunk.length > room) this.cut = true;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
  }

  // JSON and text as they are (valid UTF-8), anything else (audio, images, multipart) as base64: the event is
  // stored whatever the body (BricksLLM loses the event when a logged body is not JSON).
  toLogged(): LoggedBody {
    const bytes = Buffer.concat(this.chunks);
    const type = this.contentType.toLowerCase();
    const textual = /json|^text\/|event-stream|xml|x-www-form-urlencoded/.test(type);
    const text = textual ? bytes.toString('utf8') : '';
    const isUtf8 = textual && Buffer.from(text, 'utf8').equals(bytes);
    if (!isUtf8)
      return {
        contentType: this.contentType,
        encoding: 'base64',
        body: bytes.toString('base64'),
        truncated: this.cut,
      };
    return {
      contentType: this.contentType,
      encoding: type.includes('json') && !this.cut && isJson(text) ? 'json' : 'text',
      body: text,
      truncated: this.cut,
    };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
