import { ProxyError } from '../request/proxy-error';
import type { HeldBytes } from '../request/request-context';

// The request bytes the process holds in memory at once, across every request in flight: JSON bodies (read
// whole, to be parsed and forwarded) and the heads of multipart uploads. Past the budget a request is
// answered 503 rather than buffered, so many large bodies at once cannot exhaust the process's memory (each
// byte held also costs its decoded string and parsed object, a few times more). Streamed uploads are not
// held and not counted.
export class RequestBufferBudget {
  private held = 0;

  constructor(readonly maxBytes: number) {}

  get heldBytes(): number {
    return this.held;
  }

  // What one request holds; released once when the request has ended.
  lease(): BufferLease {
    return new BufferLease(this);
  }

  tryTake(bytes: number): boolean {
    if (this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }
}

export class BufferLease implements HeldBytes {
  private bytes = 0;

  constructor(private readonly budget: RequestBufferBudget) {}

  // Counts `bytes` more against the budget, or refuses the request (503, retryable).
  take(bytes: number): void {
    if (!this.budget.tryTake(bytes))
      throw new ProxyError('gateway_busy', 'the gateway is holding too many request bodies; retry shortly', {
        'retry-after': '1',
      });
    this.bytes += bytes;
  }

  release(): void {
    this.budget.give(this.bytes);
    this.bytes = 0;
  }
}
