import { Logger } from '@nestjs/common';
import { PROVIDER_ADAPTERS } from '@tollgate/providers';
import type { RequestContext } from '../request/request-context';

const SUMMARY_EVERY_MS = 60_000;

// Requests refused before their key is known (no key, an unknown key, an unknown route, an unsafe path) are
// free to send by the million: publishing an event for each would let anyone without a key fill Kafka and
// ClickHouse. Each is counted here, per (reason, provider), and at most `perSecond` a second become events;
// the rest appear in a summary log line once a minute. Requests with a known key are never sampled.
export class UnauthenticatedEvents {
  private readonly logger = new Logger(UnauthenticatedEvents.name);
  // Since the process started, by "reason provider".
  private readonly seen = new Map<string, number>();
  private readonly unpublished = new Map<string, number>();
  private second = 0;
  private publishedThisSecond = 0;
  private summarizedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.summarizedAt = now();
  }

  // Whether this request's event is published.
  sample(ctx: RequestContext): boolean {
    const label = `${ctx.outcome?.errorCode ?? 'none'} ${providerLabel(ctx)}`;
    this.seen.set(label, (this.seen.get(label) ?? 0) + 1);
    const now = this.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.publishedThisSecond = 0;
    }
    const published = this.publishedThisSecond < this.perSecond;
    if (published) this.publishedThisSecond++;
    else this.unpublished.set(label, (this.unpublished.get(label) ?? 0) + 1);
    if (now - this.summarizedAt >= SUMMARY_EVERY_MS) this.summarize(now);
    return published;
  }

  // Requests refused before authentication since the process started, by "reason provider".
  counts(): ReadonlyMap<string, number> {
    return this.seen;
  }

  private summarize(now: number): void {
    this.summarizedAt = now;
    if (this.unpublished.size === 0) return;
    const parts = [...this.unpublished].map(([label, n]) => `${label}: ${n}`);
    const total = [...this.unpublished.values()].reduce((a, b) => a + b, 0);
    this.logger.warn(
      `${total} requests refused before authentication were not recorded as events: ${parts.join(', ')}`,
    );
    this.unpublished.clear();
  }
}

// A bounded label: the path's provider is the client's text, so only known names are kept as they are.
function providerLabel(ctx: RequestContext): string {
  if (ctx.route) return ctx.route.route.usage === 'custom' ? 'custom' : ctx.route.route.provider;
  if (ctx.provider && PROVIDER_ADAPTERS[ctx.provider]) return ctx.provider;
  return (ctx.req.url ?? '').startsWith('/api/custom/providers/') ? 'custom' : 'unknown';
}
