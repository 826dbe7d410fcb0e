import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '@tollgate/contracts';
import { costNanoUsd, reservationNanoUsd } from './cost';
import { PriceCatalog } from './price-catalog';

const catalog = PriceCatalog.seed();
const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimated: false,
  ...u,
});
const priced = (provider: string, model: string) => {
  const entry = catalog.resolve(provider, model);
  if (!entry) throw new Error(`${provider}/${model} is not in the catalog`);
  return entry;
};

describe(PriceCatalog.name, () => {
  it('holds every model of the seed file and the per-unit extras', () => {
    expect(catalog.size).toBe(80 + 8);
  });

  it.each([
    ['openai', 'gpt-4o', 'gpt-4o'],
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'openai/gpt-4o', 'gpt-4o'],
    ['anthropic', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
    ['azure', 'gpt-4o-mini', 'azure/gpt-4o-mini'],
    // Azure resells OpenAI's models: one Azure has no entry of its own bills at OpenAI's list price.
    ['azure', 'o3-mini', 'o3-mini'],
    ['deepinfra', 'meta-llama/Meta-Llama-3.1-8B-Instruct', 'deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct'],
    // A Bedrock model id (base model or cross-region inference profile) bills at Anthropic's list price.
    ['bedrock', 'anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307'],
    ['bedrock', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet-20250219'],
    ['bedrock', 'global.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['bedrock', 'us-gov.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4-20250514'],
  ])('resolves %s %s to the entry %s', (provider, model, key) => {
    expect(catalog.resolve(provider, model)?.key).toBe(key);
  });

  it('resolves an unknown model to nothing, never to a $0 entry', () => {
    expect(catalog.resolve('openai', 'gpt-unknown')).toBeNull();
    expect(catalog.resolve('openai', '')).toBeNull();
    // Retired from the catalog: unpriced (the unknown-model policy decides), not billed as another model.
    expect(catalog.resolve('bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0')).toBeNull();
  });

  it("prefers a Bedrock entry of the catalog's own over Anthropic's list price", () => {
    const own = catalog.resolve('anthropic', 'claude-3-haiku-20240307');
    if (!own) throw new Error('seed lost claude-3-haiku');
    const withBedrock = new PriceCatalog([
      ...catalog.all(),
      { ...own, key: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0' },
    ]);
    expect(withBedrock.resolve('bedrock', 'anthropic.claude-3-haiku-20240307-v1:0')?.key).toBe(
      'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    );
  });
});

describe(costNanoUsd.name, () => {
  it('bills OpenAI cached prompt tokens at the cached price (worked by hand)', () => {
    // gpt-4o: $2.50 in, $1.25 cached, $10 out per 1M tokens = 2.5, 1.25 and 10 micro-dollars per token.
    // 800 × 2.5 + 200 × 1.25 + 500 × 10 = 2000 + 250 + 5000 = 7250 micro-dollars.
    const cost = costNanoUsd(
      usage({ promptTokens: 1000, cachedPromptTokens: 200, completionTokens: 500 }),
      priced('openai', 'gpt-4o'),
    );
    expect(cost).toBe(7_250_000);
  });

  it('bills Anthropic cache reads and writes apart (worked by hand)', () => {
    // claude-sonnet-4-5: in 3, cached 0.3, write 3.75, out 15; prompt 3000 = 1000 plain + 1500 read + 500 written.
    // 1000 × 3 + 1500 × 0.3 + 500 × 3.75 + 200 × 15 = 3000 + 450 + 1875 + 3000 = 8325 micro-dollars.
    const cost = costNanoUsd(
      usage({ promptTokens: 3000, cachedPromptTokens: 1500, cacheWriteTokens: 500, completionTokens: 200 }),
      priced('anthropic', 'claude-sonnet-4-5'),
    );
    expect(cost).toBe(8_325_000);
  });

  it('keeps fractions of a micro-dollar: nothing is rounded away above the nano-dollar', () => {
    // gpt-4o-mini: 7 × 0.15 + 3 × 0.6 = 1.05 + 1.8 = 2.85 micro-dollars (was rounded to 3).
    expect(
      costNanoUsd(usage({ promptTokens: 7, completionTokens: 3 }), priced('openai', 'gpt-4o-mini')),
    ).toBe(2850);
    // text-embedding-3-small: 8 × 0.02 = 0.16 micro-dollars (was rounded to 0).
    expect(costNanoUsd(usage({ promptTokens: 8 }), priced('openai', 'text-embedding-3-small'))).toBe(160);
  });

  it('rounds once, half up, to the nano-dollar, where a price has more decimals than a nano-dollar a token', () => {
    // $0.000375 and $0.000001 per 1M tokens are 375 and 1 pico-dollars per token.
    const price = { ...priced('openai', 'gpt-4o'), input: 0.000_375, output: 0.000_001 };
    // 3 × 375 + 1 × 1 = 1126 pico-dollars = 1.126 → 1 nano-dollar.
    expect(costNanoUsd(usage({ promptTokens: 3, completionTokens: 1 }), price)).toBe(1);
    // 4 × 375 = 1500 pico = 1.5 → 2 nano (half up).
    expect(costNanoUsd(usage({ promptTokens: 4 }), price)).toBe(2);
  });

  it('bills the whole request at the long-context tier once the prompt exceeds it', () => {
    // gpt-5.6 above 272k: in 10, out 45. 300000 × 10 + 1000 × 45 = 3,045,000 micro-dollars.
    const cost = costNanoUsd(
      usage({ promptTokens: 300_000, completionTokens: 1000 }),
      priced('openai', 'gpt-5.6'),
    );
    expect(cost).toBe(3_045_000_000);
  });

  it('uses batch prices for batch requests', () => {
    // gpt-4o batch: in 1.25, out 5. 1000 × 1.25 + 100 × 5 = 1750 micro-dollars.
    const cost = costNanoUsd(
      usage({ promptTokens: 1000, completionTokens: 100 }),
      priced('openai', 'gpt-4o'),
      {
        batch: true,
      },
    );
    expect(cost).toBe(1_750_000);
  });
});

describe(reservationNanoUsd.name, () => {
  it('reserves the prompt and every allowed output token', () => {
    // gpt-4o-mini: 11 × 0.15 + 100 × 0.6 = 1.65 + 60 = 61.65 micro-dollars.
    expect(reservationNanoUsd(11, 100, priced('openai', 'gpt-4o-mini'))).toBe(61_650);
  });

  it('rounds a reservation up, never down, at the nano-dollar', () => {
    const price = { ...priced('openai', 'gpt-4o'), input: 0.000_001, output: 0 };
    // 1 pico-dollar: 0.001 nano → 1.
    expect(reservationNanoUsd(1, 0, price)).toBe(1);
  });
});
