import type { TokenUsage } from '@tollgate/contracts';
import type { PriceEntry, TierPrices } from './price-entry';

// USD per 1M tokens is micro-dollars per token; as integer pico-dollars per token every catalog price (at most
// six decimals) is exact, so a request's cost is a sum of integer products rounded once, to the micro-dollar.
const picoPerToken = (usdPerMillion: number): number => Math.round(usdPerMillion * 1_000_000);
const PICO_PER_MICRO = 1_000_000;

function tierFor(price: PriceEntry, promptTokens: number): TierPrices {
  let tier: TierPrices = price;
  for (const longTier of price.longContext) if (promptTokens > longTier.aboveTokens) tier = longTier;
  return tier;
}

export interface CostOptions {
  // Batch API requests bill at the catalog's batch prices where it has them.
  batch?: boolean;
}

// The cost of provider-reported (or estimated) usage. promptTokens includes the cached and cache-write parts;
// completionTokens includes reasoning tokens (both as the usage readers normalise them).
export function costMicroUsd(usage: TokenUsage, price: PriceEntry, options: CostOptions = {}): number {
  const tier = tierFor(price, usage.promptTokens);
  const input = options.batch && price.batchInput !== null ? price.batchInput : tier.input;
  const output = options.batch && price.batchOutput !== null ? price.batchOutput : tier.output;
  const cached = Math.min(usage.cachedPromptTokens, usage.promptTokens);
  const written = Math.min(usage.cacheWriteTokens, usage.promptTokens - cached);
  // Anthropic's 1-hour cache writes have a price of their own (the long-context tiers name none: the base one).
  const writtenFor1h = price.cacheWrite1h ? Math.min(usage.cacheWrite1hTokens ?? 0, written) : 0;
  const uncached = usage.promptTokens - cached - written;
  const pico =
    uncached * picoPerToken(input) +
    cached * picoPerToken(tier.cachedInput ?? input) +
    (written - writtenFor1h) * picoPerToken(tier.cacheWrite ?? input) +
    writtenFor1h * picoPerToken(price.cacheWrite1h ?? 0) +
    usage.completionTokens * picoPerToken(output);
  return Math.round(pico / PICO_PER_MICRO);
}

// What a request may cost at most before it runs: its prompt plus every output token it may generate,
// rounded up so a reservation never undercounts.
export function reservationMicroUsd(
  promptTokens: number,
  maxOutputTokens: number,
  price: PriceEntry,
): number {
  const tier = tierFor(price, promptTokens);
  const pico = promptTokens * picoPerToken(tier.input) + maxOutputTokens * picoPerToken(tier.output);
  return Math.ceil(pico / PICO_PER_MICRO);
}
