import { describe, expect, it } from 'vitest';
import { CountBudget, estimatePromptTokens, tokenCounter } from '@tollgate/pricing';
import { makeKey, makeUser } from '@tollgate/testing';
import type { Priced } from '../request/request-context';
import { authorizedContext } from '../testing/stage-context.test-support';
import { CountPromptStage } from './count-prompt.stage';

type Limits = NonNullable<Parameters<typeof makeKey>[0]>['limits'];

const priced = (limits: Limits, userLimits?: Limits): Priced => {
  const json = { model: 'gpt-4o', messages: [{ role: 'user', content: 'count me '.repeat(1000) }] };
  const ctx = authorizedContext({}, { request: { json } });
  ctx.key = makeKey({ keyId: 'k1', limits });
  if (userLimits) ctx.access.user = makeUser({ id: 'u', userId: 'u', limits: userLimits });
  return Object.assign(ctx, { price: null });
};

// With no budget at all a count is one token per byte; a prompt counted ahead answers exactly instead.
const countedAhead = async (ctx: Priced) => {
  const count = await tokenCounter('gpt-4o');
  const exact = estimatePromptTokens(
    count,
    { ...ctx.request.json },
    new CountBudget(Number.POSITIVE_INFINITY),
  );
  return estimatePromptTokens(count, ctx.request.json, new CountBudget(0)) === exact;
};

describe(CountPromptStage.name, () => {
  it('counts the prompt ahead for a key or user under a spend or token limit', async () => {
    const stage = new CountPromptStage();
    for (const ctx of [
      priced({ costLimitMicroUsd: 1_000 }),
      priced({ tokenLimits: [{ limit: 1_000, unit: 'd' }] }),
      priced({}, { costLimitMicroUsd: 1_000 }),
    ]) {
      await stage.run(ctx);
      expect(await countedAhead(ctx)).toBe(true);
    }
  });

  it('spends nothing on a request no limit reserves', async () => {
    const ctx = priced({ rateLimits: [{ limit: 5, unit: 'm' }] });
    await new CountPromptStage().run(ctx);
    expect(await countedAhead(ctx)).toBe(false);
  });
});
