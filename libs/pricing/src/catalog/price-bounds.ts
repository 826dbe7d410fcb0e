import { z } from 'zod';
import type { PriceEntry } from './price-entry';

// What a price may be, per unit: finite, non-negative, at most the bound (far above any list price: the
// dearest catalog model is $180 per 1M tokens, the dearest image $0.12), and either 0 or at least the
// smallest amount the arithmetic keeps (one pico-dollar per unit), so a priced call never rounds to $0.
// The bounds keep every realistic request within MAX_NANO_USD: 900 million tokens at the highest price.
export const PRICE_BOUNDS = {
  usdPerMillionTokens: { max: 10_000, smallest: 0.000_001 },
  usdPerImage: { max: 1_000, smallest: 0.000_000_000_001 },
  usdPerMinute: { max: 1_000, smallest: 0.000_000_000_001 },
  usdPerMillionCharacters: { max: 10_000, smallest: 0.000_001 },
  // A provider setting's costMap (BricksLLM's unit): $10 per 1K tokens is $10,000 per 1M.
  usdPer1KTokens: { max: 10, smallest: 0.000_000_001 },
} as const;
export type PriceUnit = keyof typeof PRICE_BOUNDS;

const UNIT_TEXT: Record<PriceUnit, string> = {
  usdPerMillionTokens: 'USD per 1M tokens',
  usdPerImage: 'USD per image',
  usdPerMinute: 'USD per minute',
  usdPerMillionCharacters: 'USD per 1M characters',
  usdPer1KTokens: 'USD per 1K tokens',
};

// Why a price is refused, or null when it is fine.
export function priceProblem(value: unknown, unit: PriceUnit): string | null {
  const { max, smallest } = PRICE_BOUNDS[unit];
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `must be a finite number (${UNIT_TEXT[unit]})`;
  if (value < 0) return `must not be negative (${UNIT_TEXT[unit]})`;
  if (value > max) return `must be at most ${max} ${UNIT_TEXT[unit]}`;
  if (value !== 0 && value < smallest)
    return `must be 0 or at least ${smallest} ${UNIT_TEXT[unit]}: a smaller price would bill $0`;
  return null;
}

// The zod schema of a price in `unit`, for the admin API (PUT /api/pricing/:model, a setting's costMap).
export function priceSchema(unit: PriceUnit) {
  const { max, smallest } = PRICE_BOUNDS[unit];
  return (
    z
      .number()
      .superRefine((value, ctx) => {
        const problem = priceProblem(value, unit);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      // The same bounds in the OpenAPI document, so clients (and schemathesis) know what is accepted.
      .meta({ anyOf: [{ const: 0 }, { minimum: smallest, maximum: max }] })
  );
}

const TIER_FIELDS = ['input', 'output', 'cachedInput', 'cacheWrite'] as const;
const TOKEN_FIELDS = [...TIER_FIELDS, 'cacheWrite1h', 'batchInput', 'batchOutput'] as const;

// Every problem of a catalog entry, as "<field>: <problem>" (an entry stored before prices were checked).
export function priceEntryProblems(entry: PriceEntry): string[] {
  const problems: string[] = [];
  const check = (field: string, value: unknown, unit: PriceUnit) => {
    if (value === null || value === undefined) return;
    const problem = priceProblem(value, unit);
    if (problem) problems.push(`${field}: ${problem}`);
  };
  for (const field of TOKEN_FIELDS) check(field, entry[field], 'usdPerMillionTokens');
  entry.longContext.forEach((tier, i) => {
    for (const field of TIER_FIELDS) check(`longContext.${i}.${field}`, tier[field], 'usdPerMillionTokens');
  });
  for (const [size, each] of Object.entries(entry.perImage ?? {}))
    check(`perImage.${size}`, each, 'usdPerImage');
  check('perMinute', entry.perMinute, 'usdPerMinute');
  check('perMillionCharacters', entry.perMillionCharacters, 'usdPerMillionCharacters');
  return problems;
}
