import type { RequestContext } from '../request/request-context';

type Inner = { run(ctx: RequestContext): Promise<void> };

// Stage 9 for a route: settled as any request, except that a cache hit used no provider: it costs nothing
// and used no tokens (it still counted against the key's rate limits when admitted).
export class SettleRouteStage {
  constructor(private readonly inner: Inner) {}

  async run(ctx: RequestContext): Promise<void> {
    await this.inner.run(ctx);
    if (ctx.routeRun?.cache !== 'hit' || !ctx.bill) return;
    ctx.bill = {
      ...ctx.bill,
      costNanoUsd: 0,
      usage: {
        promptTokens: 0,
        completionTokens: 0,
        cachedPromptTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 0,
        estimated: false,
      },
    };
  }
}
