// Lets one request per subject through per interval. What goes through stays held for the interval, unless
// released (a request that failed to go out may go again at once).
export class RequestThrottle {
  private readonly sentAt = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  tryAcquire(subject: string, nowMs: number): boolean {
    // Forget what has run out, so the map holds only the last interval's subjects.
    for (const [held, at] of this.sentAt) if (nowMs - at >= this.intervalMs) this.sentAt.delete(held);
    if (this.sentAt.has(subject)) return false;
    this.sentAt.set(subject, nowMs);
    return true;
  }

  release(subject: string): void {
    this.sentAt.delete(subject);
  }
}
