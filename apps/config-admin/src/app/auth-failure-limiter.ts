import { isIPv6 } from 'node:net';

// Counts failed admin logins per client address in fixed one-minute windows. Past the limit, the address
// is refused (429) until its window ends, whatever it sends: a correct guess must not get through a lockout.
// Counts live in this process (replicas count apart); they reset when the minute turns.
export class AuthFailureLimiter {
  private windowStart = 0;
  private failures = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  // Seconds until this address may try again; 0 when it may now.
  retryAfterSeconds(address: string): number {
    this.turnWindow();
    if ((this.failures.get(clientKey(address)) ?? 0) < this.perMinute) return 0;
    return Math.max(1, Math.ceil((this.windowStart + 60_000 - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    this.turnWindow();
    const key = clientKey(address);
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  private turnWindow(): void {
    const start = Math.floor(this.now() / 60_000) * 60_000;
    if (start === this.windowStart) return;
    this.windowStart = start;
    this.failures = new Map();
  }
}

// One IPv6 host usually owns a whole /64: count it as one client, or it could rotate addresses freely.
function clientKey(address: string): string {
  const bare = address.replace(/^::ffff:(?=\d+\.)/, '');
  if (!isIPv6(bare)) return bare;
  const groups = expandIpv6(bare);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) =>
    g.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
