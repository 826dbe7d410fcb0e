import { describe, expect, it } from 'vitest';
import { makeUser } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import { authorizedContext } from '../testing/stage-context.test-support';
import { Metering } from './metering';
import { PriceStage } from './price.stage';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
const stage = new PriceStage(new Metering(config));

describe(PriceStage.name, () => {
  it('prices a request by its model, through the catalog entry of a dated name', () => {
    const ctx = authorizedContext({}, { request: { model: 'gpt-4o-2024-08-06' } });
    expect(stage.run(ctx).price?.key).toBe('gpt-4o');
  });

  it('prices nothing on a route that reads no usage', () => {
    const ctx = authorizedContext({ method: 'GET', url: '/api/providers/openai/v1/models' });
    expect(stage.run(ctx).price).toBeNull();
  });

  it('refuses an unknown model where the key’s user has a spend limit, and leaves it unpriced otherwise', () => {
    const unlimited = authorizedContext({}, { request: { model: 'house-model' } });
    expect(stage.run(unlimited).price).toBeNull();
    const limitedUser = authorizedContext(
      {},
      { request: { model: 'house-model' }, access: { user: makeUser({ limits: { costLimitMicroUsd: 1 } }) } },
    );
    expect(() => stage.run(limitedUser)).toThrowError(
      expect.objectContaining({ status: 403, code: 'unknown_model_price' }),
    );
  });

  it('prices an Azure deployment provisionally, never refusing it: the response names the billed model', () => {
    const ctx = authorizedContext(
      { url: '/api/providers/azure/openai/deployments/prod-chat/chat/completions?api-version=2024-10-21' },
      { request: { model: 'prod-chat' } },
    );
    ctx.key.limits.costLimitMicroUsd = 1_000_000;
    expect(stage.run(ctx).price).toBeNull();
  });

  it('prices with the setting’s costMap first', () => {
    const ctx = authorizedContext({}, { request: { model: 'gpt-4o' } });
    ctx.access.setting.costMap = {
      promptCostPerModel: { 'gpt-4o': 1 },
      completionCostPerModel: { 'gpt-4o': 2 },
    };
    expect(stage.run(ctx).price?.key).toBe('costMap/gpt-4o');
  });
});
