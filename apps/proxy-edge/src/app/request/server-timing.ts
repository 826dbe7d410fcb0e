// The gateway's own time on one request, told to the client in a Server-Timing header (W3C), so what the
// gateway adds is visible per call: `gateway` is the time spent before the upstream call and after its
// response headers came back; `upstream` is the wait for them. Durations in milliseconds, to the microsecond.
export class ServerTiming {
  private readonly startedAt = performance.now();
  private upstreamStartedAt: number | null = null;
  private upstreamMs = 0;

  upstreamCalled(): void {
    this.upstreamStartedAt = performance.now();
  }

  // Called when the response headers came back, or the call failed: either way the wait was the upstream's.
  upstreamAnswered(): void {
    if (this.upstreamStartedAt !== null) this.upstreamMs = performance.now() - this.upstreamStartedAt;
  }

  header(): string {
    const gatewayMs = performance.now() - this.startedAt - this.upstreamMs;
    const gateway = `gateway;dur=${gatewayMs.toFixed(3)}`;
    return this.upstreamStartedAt === null
      ? gateway
      : `${gateway}, upstream;dur=${this.upstreamMs.toFixed(3)}`;
  }

  // Ours after the upstream's own entries, which are kept.
  headerAfter(upstreamValue: string | string[] | undefined): string {
    const upstream = Array.isArray(upstreamValue) ? upstreamValue.join(', ') : (upstreamValue ?? '');
    return upstream ? `${upstream}, ${this.header()}` : this.header();
  }
}
