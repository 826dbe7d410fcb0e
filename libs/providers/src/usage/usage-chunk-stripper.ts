import { SseFrameSplitter } from '../sse-frames';

// Drops the usage-only chunk (`choices: []` with a usage object) from an OpenAI-style SSE stream, passing every
// other frame through byte for byte. Used when the gateway asked the upstream for usage and the client did not.
export class UsageChunkStripper {
  private readonly frames = new SseFrameSplitter();

  // Returns the bytes to send to the client now (complete frames only).
  push(chunk: Buffer): Buffer {
    const out = this.frames.push(chunk).filter((frame) => !isUsageOnlyFrame(frame));
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  // Whatever is left when the stream ends (a frame without its blank line) goes through as it is.
  flush(): Buffer {
    return this.frames.flush();
  }
}

function isUsageOnlyFrame(frame: Buffer): boolean {
  const text = frame.toString('utf8');
  if (!text.includes('"usage":{')) return false;
  const data = text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart())
    .join('\n');
  try {
    const chunk = JSON.parse(data) as { choices?: unknown[]; usage?: unknown };
    return (
      Array.isArray(chunk.choices) &&
      chunk.choices.length === 0 &&
      typeof chunk.usage === 'object' &&
      chunk.usage !== null
    );
  } catch {
    return false;
  }
}
