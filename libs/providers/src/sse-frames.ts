// Splits an SSE byte stream into whole frames (each ending with its blank line), byte for byte: what goes out
// is exactly what came in, only cut at frame boundaries.
export class SseFrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Buffer[] = [];
    let from = 0;
    for (;;) {
      const end = frameEnd(this.pending, from);
      if (end === -1) break;
      frames.push(this.pending.subarray(from, end));
      from = end;
    }
    this.pending = this.pending.subarray(from);
    return frames;
  }

  // Whatever is left when the stream ends (a frame without its blank line).
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

// The data of a frame (its `data:` lines joined), and its event name.
export function frameData(frame: Buffer): { event: string | null; data: string } {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of frame.toString('utf8').split(/\r?\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  return { event, data: data.join('\n') };
}
