// Keeps a copy of a streamed body for the cache, up to a cap: past it the copy is dropped (the stream is
// not cached) and the memory freed, while the client's stream goes on untouched.
export class StreamRecorder {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private over = false;

  constructor(private readonly capBytes: number) {}

  append(chunk: Buffer | string): void {
    if (this.over) return;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += buffer.length;
    if (this.bytes > this.capBytes) {
      this.over = true;
      this.chunks = [];
      return;
    }
    // A copy: the caller may reuse its buffer once the chunk is written on.
    this.chunks.push(Buffer.from(buffer));
  }

  get overflowed(): boolean {
    return this.over;
  }

  // Decoded once at the end: a chunk boundary may fall inside a multi-byte character.
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
