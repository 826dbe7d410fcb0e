import { describe, expect, it } from 'vitest';
import { priceEntryProblems, priceProblem, priceSchema } from './price-bounds';
import { PriceCatalog } from './price-catalog';
import type { PriceEntry } from './price-entry';

describe(priceProblem.name, () => {
  it.each([
    [1e307, 'must be at most 10000 USD per 1M tokens'],
    [10_000.01, 'must be at most 10000 USD per 1M tokens'],
    [-0.5, 'must not be negative'],
    [Infinity, 'must be a finite number'],
    [NaN, 'must be a finite number'],
    ['1', 'must be a finite number'],
    [0.000_000_1, 'must be 0 or at least 0.000001 USD per 1M tokens: a smaller price would bill $0'],
  ])('refuses %s USD per 1M tokens', (value, problem) => {
    expect(priceProblem(value, 'usdPerMillionTokens')).toContain(problem);
  });

  it.each([0, 0.000_001, 0.15, 10_000])('accepts %s USD per 1M tokens', (value) => {
    expect(priceProblem(value, 'usdPerMillionTokens')).toBeNull();
  });

  it('bounds images and minutes at $1,000 and a costMap at $10 per 1K tokens', () => {
    expect(priceProblem(1_000, 'usdPerImage')).toBeNull();
    expect(priceProblem(1_000.5, 'usdPerImage')).toContain('at most 1000 USD per image');
    expect(priceProblem(1_001, 'usdPerMinute')).toContain('at most 1000 USD per minute');
    expect(priceProblem(10, 'usdPer1KTokens')).toBeNull();
    expect(priceProblem(11, 'usdPer1KTokens')).toContain('at most 10 USD per 1K tokens');
  });
});

describe(priceSchema.name, () => {
  it('answers the problem as a zod issue', () => {
    const result = priceSchema('usdPerMillionTokens').safeParse(1e307);
    expect(result.error?.issues[0]?.message).toBe('must be at most 10000 USD per 1M tokens');
  });
});

describe(priceEntryProblems.name, () => {
  it('finds nothing wrong with the shipped catalog', () => {
    for (const entry of PriceCatalog.seed().all())
      expect([entry.key, priceEntryProblems(entry)]).toEqual([entry.key, []]);
  });

  it('names every field out of bounds, long-context tiers and per-unit prices included', () => {
    const entry = PriceCatalog.seed().get('gpt-4o') as PriceEntry;
    const broken: PriceEntry = {
      ...entry,
      output: 1e307,
      longContext: [{ aboveTokens: 1000, input: -1, output: 1, cachedInput: null, cacheWrite: null }],
      perImage: { 'hd|1024x1024': 5000 },
    };
    expect(priceEntryProblems(broken)).toEqual([
      'output: must be at most 10000 USD per 1M tokens',
      'longContext.0.input: must not be negative (USD per 1M tokens)',
      'perImage.hd|1024x1024: must be at most 1000 USD per image',
    ]);
  });
});
