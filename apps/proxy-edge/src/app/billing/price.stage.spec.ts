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

  it('prices an Azure deployment as the model its setting maps it to, or the model it is named after', () => {
    const url = (deployment: string) =>
      `/api/providers/azure/openai/deployments/${deployment}/chat/completions?api-version=2024-10-21`;
    const mapped = authorizedContext({ url: url('prod-chat') }, { access: { model: 'gpt-4o-mini' } });
    expect(stage.run(mapped).price?.key).toBe('azure/gpt-4o-mini');
    const named = authorizedContext({ url: url('gpt-4o') }, { access: { model: 'gpt-4o' } });
    expect(stage.run(named).price?.key).toBe('azure/gpt-4o');
  });

  it('applies the unknown-model policy to an Azure deployment that serves no priced model', () => {
    const ctx = authorizedContext(
      { url: '/api/providers/azure/openai/deployments/prod-chat/chat/completions?api-version=2024-10-21' },
      { access: { model: 'prod-chat' } },
    );
    expect(stage.run(ctx).price).toBeNull();
    ctx.key.limits.costLimitMicroUsd = 1_000_000;
    expect(() => stage.run(ctx)).toThrowError(
      expect.objectContaining({
        status: 403,
        code: 'unknown_model_price',
        message: expect.stringContaining('"prod-chat=gpt-4o"'),
      }),
    );
  });

  it('refuses a batch, and a run without declared bounds, under a spend limit', () => {
    const limited = (url: string, body: Record<string, unknown>) => {
      const ctx = authorizedContext({ url }, { request: { model: String(body['model'] ?? ''), json: body } });
      ctx.key.limits.costLimitMicroUsd = 1_000_000;
      return ctx;
    };
    expect(() => stage.run(limited('/api/providers/openai/v1/batches', { input_file_id: 'f' }))).toThrowError(
      expect.objectContaining({ status: 403, code: 'spend_limited_endpoint' }),
    );
    const runs = '/api/providers/openai/v1/threads/t1/runs';
    expect(() => stage.run(limited(runs, { model: 'gpt-4o', max_prompt_tokens: 100 }))).toThrowError(
      expect.objectContaining({ status: 400, code: 'cost_not_reservable' }),
    );
    const bounded = { model: 'gpt-4o', max_prompt_tokens: 100, max_completion_tokens: 10 };
    expect(stage.run(limited(runs, bounded)).price?.key).toBe('gpt-4o');
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
