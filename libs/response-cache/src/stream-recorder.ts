export class StreamRecorder {
  constructor(private readonly capBytes: number) {}

  append(_chunk: Buffer | string): void {
    void this.capBytes;
  }

  get overflowed(): boolean {
    return false;
  }

  text(): string {
    return '';
  }
}
