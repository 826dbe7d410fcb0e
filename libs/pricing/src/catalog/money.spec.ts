import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '@tollgate/contracts';
import { costNanoUsd, reservationNanoUsd } from './cost';
import { MAX_NANO_USD, microFromNano, MoneyRangeError, nanoFromPico, picoOf, usdFromNano } from './money';
import { PRICE_BOUNDS } from './price-bounds';
import { PriceCatalog } from './price-catalog';
import type { PriceEntry } from './price-entry';

const base = PriceCatalog.seed().get('gpt-4o') as PriceEntry;
const priceOf = (input: number, output: number): PriceEntry => ({ ...base, input, output, longContext: [] });
const usage = (promptTokens: number, completionTokens: number): TokenUsage => ({
  promptTokens,
  completionTokens,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: promptTokens + completionTokens,
  estimated: false,
});
// The most a price may be, in pico-dollars per token ($10,000 per 1M tokens).
const MAX_PICO_PER_TOKEN = PRICE_BOUNDS.usdPerMillionTokens.max * 1_000_000;

describe(nanoFromPico.name, () => {
  it('rounds half up for a cost and up for a reservation', () => {
    expect(nanoFromPico(1499n, 'half_up')).toBe(1);
    expect(nanoFromPico(1500n, 'half_up')).toBe(2);
    expect(nanoFromPico(1001n, 'up')).toBe(2);
    expect(nanoFromPico(1000n, 'up')).toBe(1);
  });

  it('refuses an amount past MAX_NANO_USD rather than lose precision', () => {
    expect(nanoFromPico(BigInt(MAX_NANO_USD) * 1000n, 'half_up')).toBe(MAX_NANO_USD);
    expect(() => nanoFromPico(BigInt(MAX_NANO_USD) * 1000n + 500n, 'half_up')).toThrow(MoneyRangeError);
  });
});

describe(picoOf.name, () => {
  it.each([[1e307], [Infinity], [NaN], [-1]])('refuses a price of %s', (price) => {
    expect(() => picoOf(price, 1_000_000)).toThrow(MoneyRangeError);
  });
});

describe('derived figures', () => {
  it('gives micro-dollars and dollars as exact decimals of the nano-dollars', () => {
    expect(microFromNano(160)).toBe(0.16);
    expect(microFromNano(160_000)).toBe(160);
    expect(usdFromNano(160_000)).toBe(0.00016);
  });
});

describe('cost arithmetic at the extremes', () => {
  it('sums a thousand calls of 0.16 micro-dollars to exactly 160 micro-dollars', () => {
    const embeddings = PriceCatalog.seed().get('text-embedding-3-small') as PriceEntry;
    let total = 0;
    for (let i = 0; i < 1000; i++) total += costNanoUsd(usage(8, 0), embeddings);
    expect(total).toBe(160_000);
    expect(microFromNano(total)).toBe(160);
  });

  it('stays exact with the largest prices and counts up to the ceiling, and refuses past it', () => {
    // 900 million tokens at $10,000 per 1M tokens: $9,000,000, under the ceiling of about $9,007,199.
    expect(costNanoUsd(usage(900_000_000, 0), priceOf(10_000, 10_000))).toBe(9_000_000_000_000_000);
    expect(() => costNanoUsd(usage(1_000_000_000, 0), priceOf(10_000, 10_000))).toThrow(MoneyRangeError);
    expect(() => reservationNanoUsd(0, 2 ** 53, priceOf(1, 1))).toThrow(MoneyRangeError);
    expect(() => costNanoUsd(usage(1, 0), priceOf(1e307, 0))).toThrow(MoneyRangeError);
  });

  it('never returns NaN, Infinity, a fraction, or 0 for a priced call that used something', () => {
    const token = fc.integer({ min: 0, max: 50_000_000 });
    const picoPerToken = fc.integer({ min: 1, max: MAX_PICO_PER_TOKEN });
    fc.assert(
      fc.property(token, token, picoPerToken, picoPerToken, (prompt, completion, inPico, outPico) => {
        const price = priceOf(inPico / 1_000_000, outPico / 1_000_000);
        const exactPico = BigInt(prompt) * BigInt(inPico) + BigInt(completion) * BigInt(outPico);
        // The reference: the exact sum, rounded half up once.
        const expected = (exactPico + 500n) / 1000n;
        let cost: number;
        try {
          cost = costNanoUsd(usage(prompt, completion), price);
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyRangeError);
          expect(expected > BigInt(MAX_NANO_USD)).toBe(true);
          return;
        }
        expect(Number.isSafeInteger(cost)).toBe(true);
        expect(BigInt(cost)).toBe(expected);
        if (exactPico >= 500n) expect(cost).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
