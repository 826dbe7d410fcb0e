import type { PriceSnapshot } from '@tollgate/contracts';
import { z } from 'zod';

// Prices are USD per 1,000,000 tokens, as the seed catalog (litellm's) gives them.
const TierPricesSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cached_input: z.number().nonnegative().optional(),
  cache_write: z.number().nonnegative().optional(),
});

export const SeedEntrySchema = TierPricesSchema.extend({
  provider: z.string(),
  mode: z.string(),
  model: z.string(),
  cache_write_1h: z.number().nonnegative().optional(),
  batch_input: z.number().nonnegative().optional(),
  batch_output: z.number().nonnegative().optional(),
  // e.g. { above_272k: {...} }: the whole request is billed at the tier once the prompt exceeds it.
  long_context: z.record(z.string(), TierPricesSchema).optional(),
  // Prices not per token (the extra seed: images, audio, speech).
  per_image: z.record(z.string(), z.number().nonnegative()).optional(),
  per_minute: z.number().nonnegative().optional(),
  per_million_characters: z.number().nonnegative().optional(),
});
export type SeedEntry = z.infer<typeof SeedEntrySchema>;

export type PriceEntry = PriceSnapshot;
export type TierPrices = Pick<PriceSnapshot, 'input' | 'output' | 'cachedInput' | 'cacheWrite'>;

function tierOf(prices: z.infer<typeof TierPricesSchema>): TierPrices {
  return {
    input: prices.input,
    output: prices.output,
    cachedInput: prices.cached_input ?? null,
    cacheWrite: prices.cache_write ?? null,
  };
}

// "above_272k" → 272000 tokens.
function thresholdOf(name: string): number {
  const match = /^above_(\d+)k$/.exec(name);
  if (!match) throw new Error(`unknown long-context tier ${name}`);
  return Number(match[1]) * 1000;
}

export function priceEntryOf(key: string, seed: SeedEntry): PriceEntry {
  return {
    key,
    provider: seed.provider,
    mode: seed.mode,
    model: seed.model,
    ...tierOf(seed),
    cacheWrite1h: seed.cache_write_1h ?? null,
    batchInput: seed.batch_input ?? null,
    batchOutput: seed.batch_output ?? null,
    longContext: Object.entries(seed.long_context ?? {})
      .map(([name, tier]) => ({ ...tierOf(tier), aboveTokens: thresholdOf(name) }))
      .sort((a, b) => a.aboveTokens - b.aboveTokens),
    perImage: seed.per_image ?? null,
    perMinute: seed.per_minute ?? null,
    perMillionCharacters: seed.per_million_characters ?? null,
  };
}
