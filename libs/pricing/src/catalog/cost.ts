import type { TokenUsage } from '@tollgate/contracts';
import { nanoFromPico, picoOf, unitsOf } from './money';
import type { PriceEntry, TierPrices } from './price-entry';

// USD per 1M tokens is micro-dollars per token, so × 1e6 gives pico-dollars per token: exact for every price
// with at most six decimals (prices with more are rounded to the pico-dollar, see price-bounds.ts).
const PICO_PER_USD_PER_MILLION = 1_000_000;
const perToken = (usdPerMillion: number): bigint => picoOf(usdPerMillion, PICO_PER_USD_PER_MILLION);

function tierFor(price: PriceEntry, promptTokens: number): TierPrices {
  let tier: TierPrices = price;
  for (const longTier of price.longContext) if (promptTokens > longTier.aboveTokens) tier = longTier;
  return tier;
}

export interface CostOptions {
  // Batch API requests bill at the catalog's batch prices where it has them.
  batch?: boolean;
}

// The cost in nano-dollars of provider-reported (or estimated) usage. promptTokens includes the cached and
// cache-write parts; completionTokens includes reasoning tokens (both as the usage readers normalise them).
// Throws MoneyRangeError for counts or prices it cannot count exactly, never returns NaN or Infinity.
export function costNanoUsd(usage: TokenUsage, price: PriceEntry, options: CostOptions = {}): number {
  const tier = tierFor(price, usage.promptTokens);
  const input = options.batch && price.batchInput !== null ? price.batchInput : tier.input;
  const output = options.batch && price.batchOutput !== null ? price.batchOutput : tier.output;
  const cached = Math.min(usage.cachedPromptTokens, usage.promptTokens);
  const written = Math.min(usage.cacheWriteTokens, usage.promptTokens - cached);
  // Anthropic's 1-hour cache writes have a price of their own (the long-context tiers name none: the base one).
  const writtenFor1h = price.cacheWrite1h ? Math.min(usage.cacheWrite1hTokens ?? 0, written) : 0;
  const uncached = usage.promptTokens - cached - written;
  const pico =
    unitsOf(uncached) * perToken(input) +
    unitsOf(cached) * perToken(tier.cachedInput ?? input) +
    unitsOf(written - writtenFor1h) * perToken(tier.cacheWrite ?? input) +
    unitsOf(writtenFor1h) * perToken(price.cacheWrite1h ?? 0) +
    unitsOf(usage.completionTokens) * perToken(output);
  return nanoFromPico(pico, 'half_up');
}

// What a request may cost at most before it runs, in nano-dollars: its prompt plus every output token it
// may generate, rounded up so a reservation never undercounts. Throws MoneyRangeError past MAX_NANO_USD.
export function reservationNanoUsd(promptTokens: number, maxOutputTokens: number, price: PriceEntry): number {
  const tier = tierFor(price, promptTokens);
  const pico =
    unitsOf(promptTokens) * perToken(tier.input) + unitsOf(maxOutputTokens) * perToken(tier.output);
  return nanoFromPico(pico, 'up');
}
