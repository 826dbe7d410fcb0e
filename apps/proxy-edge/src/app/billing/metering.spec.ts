import { describe, expect, it } from 'vitest';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { PriceCatalog, type PriceEntry } from '@tollgate/pricing';
import { ProxyEdgeEnv } from '../config';
import { Metering } from './metering';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });

// A catalog pushed from the admin API, with one price stored before prices were checked.
function catalogWith(...entries: PriceEntry[]): ConfigReadModel {
  const model = new ConfigReadModel();
  for (const [i, entry] of [...PriceCatalog.seed().all(), ...entries].entries())
    model.apply({
      op: 'upsert',
      entity: 'price',
      id: entry.key,
      version: i + 1,
      occurredAt: new Date(),
      data: entry,
    });
  return model;
}

describe(Metering.name, () => {
  const seeded = PriceCatalog.seed().get('gpt-4o') as PriceEntry;
  const broken: PriceEntry = { ...seeded, key: 'acme-huge', model: 'acme-huge', input: 1e307 };

  it('never bills at a price out of bounds: its model counts as unknown, refused under a spend limit', () => {
    const metering = new Metering(config, catalogWith(broken));
    expect(metering.lookup('openai', 'acme-huge')).toBeNull();
    expect(metering.priceFor('openai', 'acme-huge', false)).toBeNull();
    expect(() => metering.priceFor('openai', 'acme-huge', true)).toThrowError(
      expect.objectContaining({ status: 403, code: 'unknown_model_price' }),
    );
    expect(metering.lookup('openai', 'gpt-4o')?.key).toBe('gpt-4o');
  });

  it('ignores a costMap price out of bounds, and prices with the catalog instead', () => {
    const metering = new Metering(config, catalogWith());
    const costMap = { promptCostPerModel: { 'gpt-4o': 1e307 }, completionCostPerModel: { 'gpt-4o': 0.01 } };
    expect(metering.lookup('openai', 'gpt-4o', costMap)?.key).toBe('gpt-4o');
  });

  it('refuses to start with a default price out of bounds', () => {
    const env = { SECRETS_MASTER_KEY: 'ab'.repeat(32), UNKNOWN_MODEL_POLICY: 'default_price' };
    const parsed = ProxyEdgeEnv.safeParse({
      ...env,
      UNKNOWN_MODEL_INPUT_PRICE: '1e307',
      UNKNOWN_MODEL_OUTPUT_PRICE: '1',
    });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['UNKNOWN_MODEL_INPUT_PRICE'],
        message: 'must be at most 10000 USD per 1M tokens',
      }),
    ]);
  });
});
