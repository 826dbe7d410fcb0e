import { ProxyError } from '../request/proxy-error';
import type { HeldBytes } from '../request/request-context';

// The request bytes the process holds in memory at once, across every request in flight: JSON bodies (read
// whole, to be parsed and forwarded) and the heads of multipart uploads. Past the budget a request is
// answered 503 rather than buffered, so many large bodies at once cannot exhaust the process's memory (each
// byte held also costs its decoded string and parsed object, a few times more). Streamed uploads are not
// held and not counted. One key may hold at most `maxBytesPerKey` of it (429 past that), so a single key's
// large bodies, sent at once or trickled, cannot leave every other tenant with 503s.
export class RequestBufferBudget {
  private held = 0;
  private readonly heldByKey = new Map<string, number>();

  constructor(
    readonly maxBytes: number,
    readonly maxBytesPerKey: number = maxBytes,
  ) {}

  get heldBytes(): number {
    return this.held;
  }

  heldBy(keyId: string): number {
    return this.heldByKey.get(keyId) ?? 0;
  }

  // What one request of `keyId` holds; released once when the request has ended.
  lease(keyId: string): BufferLease {
    return new BufferLease(this, keyId);
  }

  // Why `bytes` more cannot be held for `keyId` ('key': its share is taken; 'process': the budget is), or
  // null once they are counted.
  tryTake(bytes: number, keyId: string): 'key' | 'process' | null {
    if (this.held + bytes > this.maxBytes) return 'process';
    if (this.heldBy(keyId) + bytes > this.maxBytesPerKey) return 'key';
    this.held += bytes;
    this.heldByKey.set(keyId, this.heldBy(keyId) + bytes);
    return null;
  }

  give(bytes: number, keyId: string): void {
    this.held -= bytes;
    const left = this.heldBy(keyId) - bytes;
    if (left > 0) this.heldByKey.set(keyId, left);
    else this.heldByKey.delete(keyId);
  }
}

export class BufferLease implements HeldBytes {
  private bytes = 0;

  constructor(
    private readonly budget: RequestBufferBudget,
    private readonly keyId: string,
  ) {}

  // Counts `bytes` more against the budget, or refuses the request (429 for the key's share, 503 for the
  // process's budget; both retryable).
  take(bytes: number): void {
    const refused = this.budget.tryTake(bytes, this.keyId);
    if (refused === 'key')
      throw new ProxyError(
        'too_many_request_bytes',
        'this key has too many request bodies being read or answered at once; retry shortly',
        { 'retry-after': '1' },
      );
    if (refused === 'process')
      throw new ProxyError('gateway_busy', 'the gateway is holding too many request bodies; retry shortly', {
        'retry-after': '1',
      });
    this.bytes += bytes;
  }

  release(): void {
    this.budget.give(this.bytes, this.keyId);
    this.bytes = 0;
  }
}
