import { describe, expect, it } from 'vitest';
import type { Bill, RequestContext } from '../request/request-context';
import type { RouteRun } from '../request/route-run';
import { SettleRouteStage } from './settle-route.stage';

const BILL: Bill = {
  model: 'gpt-4o',
  usage: {
    promptTokens: 10,
    completionTokens: 5,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 15,
    estimated: false,
  },
  costNanoUsd: 12_345,
  priceEntry: 'gpt-4o',
  heldFor: null,
  lateUsageBilled: [],
};
const settled = async (cache: RouteRun['cache'] | undefined) => {
  const ctx = { routeRun: cache === undefined ? undefined : ({ cache } as RouteRun) } as RequestContext;
  await new SettleRouteStage({ run: (c) => Promise.resolve(void (c.bill = BILL)) }).run(ctx);
  return ctx.bill;
};

describe(SettleRouteStage.name, () => {
  it('bills a cache hit nothing: no cost, no tokens, not estimated', async () => {
    expect(await settled('hit')).toMatchObject({
      costNanoUsd: 0,
      usage: { totalTokens: 0, estimated: false },
    });
  });

  it('bills a miss, and any other request, as settled', async () => {
    expect(await settled('miss')).toBe(BILL);
    expect(await settled(null)).toBe(BILL);
    expect(await settled(undefined)).toBe(BILL);
  });
});
