import { z } from 'zod';
import type { PriceEntity, PriceHistoryEntity } from '@tollgate/config-entities';
import { toPriceSnapshot } from '@tollgate/config-entities';
import { priceSchema } from '@tollgate/pricing';

// Every price finite, non-negative and within its unit's bound (libs/pricing price-bounds.ts: $10,000 per 1M
// tokens or characters, $1,000 per image or minute), and never so small that a priced call would bill $0.
const usdPerMillion = priceSchema('usdPerMillionTokens');
const Tier = {
  input: usdPerMillion,
  output: usdPerMillion,
  cachedInput: usdPerMillion.nullable().optional(),
  cacheWrite: usdPerMillion.nullable().optional(),
};

// PUT /api/pricing/:model: token prices in USD per 1M tokens (as the catalog), per-unit prices beside them.
export const PutPriceSchema = z
  .object({
    provider: z.string().min(1),
    mode: z.string().min(1).default('chat'),
    // The model id on the wire, when the catalog key carries a provider prefix (azure/gpt-4o → gpt-4o).
    model: z.string().min(1).optional(),
    ...Tier,
    batchInput: usdPerMillion.nullable().optional(),
    batchOutput: usdPerMillion.nullable().optional(),
    longContext: z.array(z.object({ aboveTokens: z.number().int().positive(), ...Tier })).default([]),
    perImage: z
      .record(z.string().regex(/^[a-z]+\|\d+x\d+$/, 'keys are <quality>|<size>'), priceSchema('usdPerImage'))
      .nullable()
      .optional(),
    perMinute: priceSchema('usdPerMinute').nullable().optional(),
    perMillionCharacters: priceSchema('usdPerMillionCharacters').nullable().optional(),
  })
  .strict();
export type PutPriceDto = z.infer<typeof PutPriceSchema>;

export const PriceQuerySchema = z.object({
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
});

export function toPriceResponse(entity: PriceEntity) {
  return {
    ...toPriceSnapshot(entity),
    version: entity.version,
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}

export function toPriceHistoryResponse(row: PriceHistoryEntity) {
  return {
    model: row.key,
    version: row.version,
    previous: row.previous,
    current: row.current,
    changedAt: Math.floor(row.changedAt.getTime() / 1000),
  };
}
