export interface AnsweredIn {
  firstByteMs: number;
  gatewayMs: number;
}

// The gateway's own time on one request, told to the client in a Server-Timing header (W3C), so what the
// gateway adds is visible per call: `gateway` is the time spent before the upstream call and after its
// response headers came back; `upstream` is the wait for them. Durations in milliseconds, to the microsecond.
export class ServerTiming {
  private readonly startedAt = performance.now();
  private upstreamStartedAt: number | null = null;
  private upstreamMs = 0;
  private answered: AnsweredIn | null = null;

  upstreamCalled(): void {
    this.upstreamStartedAt = performance.now();
  }

  // Called when the response headers came back, or the call failed: either way the wait was the upstream's.
  upstreamAnswered(): void {
    if (this.upstreamStartedAt !== null) this.upstreamMs = performance.now() - this.upstreamStartedAt;
  }

  header(): string {
    const now = performance.now();
    const gatewayMs = now - this.startedAt - this.upstreamMs;
    // The first header is the response head's: what the metrics report as time to first byte.
    this.answered ??= { firstByteMs: now - this.startedAt, gatewayMs };
    const gateway = `gateway;dur=${gatewayMs.toFixed(3)}`;
    return this.upstreamStartedAt === null
      ? gateway
      : `${gateway}, upstream;dur=${this.upstreamMs.toFixed(3)}`;
  }

  // When the response head was written and the gateway's own share of that time; null before it was.
  get answeredIn(): AnsweredIn | null {
    return this.answered;
  }

  // Ours after the upstream's own entries, which are kept.
  headerAfter(upstreamValue: string | string[] | undefined): string {
    const upstream = Array.isArray(upstreamValue) ? upstreamValue.join(', ') : (upstreamValue ?? '');
    return upstream ? `${upstream}, ${this.header()}` : this.header();
  }
}
