// Drops the usage-only chunk (`choices: []` with a usage object) from an OpenAI-style SSE stream, passing every
// other frame through byte for byte. Used when the gateway asked the upstream for usage and the client did not.
export class UsageChunkStripper {
  private pending: Buffer = Buffer.alloc(0);

  // Returns the bytes to send to the client now (complete frames only).
  push(chunk: Buffer): Buffer {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    let from = 0;
    for (;;) {
      const end = frameEnd(this.pending, from);
      if (end === -1) break;
      const frame = this.pending.subarray(from, end);
      if (!isUsageOnlyFrame(frame)) out.push(frame);
      from = end;
    }
    this.pending = this.pending.subarray(from);
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  // Whatever is left when the stream ends (a frame without its blank line) goes through as it is.
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}

// The end (exclusive) of the first frame from `from`: just after a blank line (\n\n or \r\n\r\n).
function frameEnd(buffer: Buffer, from: number): number {
  for (let i = from; i < buffer.length - 1; i++) {
    if (buffer[i] !== 0x0a) continue;
    if (buffer[i + 1] === 0x0a) return i + 2;
    if (buffer[i + 1] === 0x0d && buffer[i + 2] === 0x0a) return i + 3;
  }
  return -1;
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
