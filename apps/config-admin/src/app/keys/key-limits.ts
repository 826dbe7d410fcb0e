import { z } from 'zod';
import { MAX_COUNT, MAX_USD } from '../request-shape/bounds';
import {
  CostUnitSchema,
  RateUnitSchema,
  TokenUnitSchema,
  type CostUnit,
  type RateUnit,
} from '@tollgate/contracts';
import type { LimitColumns } from '@tollgate/config-entities';
import { parseGoDuration } from '@tollgate/platform-config';

const count = () => z.number().int().positive().max(MAX_COUNT);

// BricksLLM's single-window limit fields, and the list form that gives a key several windows at once
// (BricksLLM issues #95 and #26). Both may be given; the single window joins the list.
export const KeyLimitFields = {
  costLimitInUsd: z.number().nonnegative().max(MAX_USD).optional(),
  costLimitInUsdOverTime: z.number().nonnegative().max(MAX_USD).optional(),
  costLimitInUsdUnit: z.string().optional(),
  rateLimitOverTime: z.number().int().nonnegative().max(MAX_COUNT).optional(),
  rateLimitUnit: z.string().optional(),
  rateLimits: z.array(z.object({ limit: count(), unit: RateUnitSchema })).optional(),
  costLimits: z
    .array(z.object({ limitInUsd: z.number().positive().max(MAX_USD), unit: CostUnitSchema }))
    .optional(),
  // Beyond BricksLLM: prompt plus completion tokens per window, a cap on requests in flight at once (null
  // removes it), and ending a stream cleanly at a token or spend limit.
  tokenLimits: z.array(z.object({ limit: count(), unit: TokenUnitSchema })).optional(),
  maxInFlightRequests: count().nullable().optional(),
  endStreamsAtLimit: z.boolean().optional(),
};

// What a create or update may say about limits: the fields above, and the ttl keys and users both take.
type LimitInput = z.infer<z.ZodObject<typeof KeyLimitFields>> & { ttl?: string };

// The checks of BricksLLM's key validation (behaviour.md 3.4), each naming its field; unlike BricksLLM, every
// one of them answers 400.
export function checkLimits(value: LimitInput, ctx: z.RefinementCtx): void {
  const pair = (
    amount: number | undefined,
    unit: string | undefined,
    names: { amount: string; unit: string; what: string },
    units: readonly string[],
  ) => {
    const hasAmount = amount !== undefined && amount > 0;
    const hasUnit = unit !== undefined && unit !== '';
    if (hasUnit && !hasAmount) {
      ctx.addIssue({
        code: 'custom',
        path: [names.amount],
        message: `${names.what} over time can not be empty if ${names.what} unit is specified`,
      });
    }
    if (hasAmount && !hasUnit) {
      ctx.addIssue({
        code: 'custom',
        path: [names.unit],
        message: `${names.what} unit can not be empty if ${names.what} over time is specified`,
      });
    }
    if (hasUnit && !units.includes(unit)) {
      ctx.addIssue({
        code: 'custom',
        path: [names.unit],
        message: `${names.what} unit can not be identified (use ${units.join(', ')})`,
      });
    }
  };
  pair(
    value.rateLimitOverTime,
    value.rateLimitUnit,
    { amount: 'rateLimitOverTime', unit: 'rateLimitUnit', what: 'rate limit' },
    RateUnitSchema.options,
  );
  pair(
    value.costLimitInUsdOverTime,
    value.costLimitInUsdUnit,
    { amount: 'costLimitInUsdOverTime', unit: 'costLimitInUsdUnit', what: 'cost limit' },
    CostUnitSchema.options,
  );
  checkOneWindowPerUnit(value, ctx);
  if (value.ttl !== undefined && value.ttl !== '') {
    const ms = parseGoDuration(value.ttl);
    if (ms === null || ms <= 0)
      ctx.addIssue({ code: 'custom', path: ['ttl'], message: 'must be a Go duration such as 30s or 24h' });
  }
}

// A key or user has at most one window of each kind per unit.
function checkOneWindowPerUnit(value: LimitInput, ctx: z.RefinementCtx): void {
  const rateUnits = [
    ...(value.rateLimits ?? []).map((w) => w.unit),
    ...(value.rateLimitOverTime ? [value.rateLimitUnit] : []),
  ];
  if (new Set(rateUnits).size !== rateUnits.length) {
    ctx.addIssue({ code: 'custom', path: ['rateLimits'], message: 'one rate window per unit' });
  }
  const costUnits = [
    ...(value.costLimits ?? []).map((w) => w.unit),
    ...(value.costLimitInUsdOverTime ? [value.costLimitInUsdUnit] : []),
  ];
  if (new Set(costUnits).size !== costUnits.length) {
    ctx.addIssue({ code: 'custom', path: ['costLimits'], message: 'one cost window per unit' });
  }
  const tokenUnits = (value.tokenLimits ?? []).map((w) => w.unit);
  if (new Set(tokenUnits).size !== tokenUnits.length) {
    ctx.addIssue({ code: 'custom', path: ['tokenLimits'], message: 'one token window per unit' });
  }
}

// checkLimits' pairing rules as JSON Schema, for the API document (checkLimits stays the validation): an
// amount above 0 needs a unit and a unit needs an amount; a unit is one of the units or empty.
const pairRules = (amount: string, unit: string, units: readonly string[]) => [
  { properties: { [unit]: { enum: ['', ...units] } } },
  {
    if: { required: [amount], properties: { [amount]: { exclusiveMinimum: 0 } } },
    then: { required: [unit], properties: { [unit]: { minLength: 1 } } },
  },
  {
    if: { required: [unit], properties: { [unit]: { minLength: 1 } } },
    then: { required: [amount], properties: { [amount]: { exclusiveMinimum: 0 } } },
  },
];
export const LIMIT_RULES_DOC = {
  allOf: [
    ...pairRules('rateLimitOverTime', 'rateLimitUnit', RateUnitSchema.options),
    ...pairRules('costLimitInUsdOverTime', 'costLimitInUsdUnit', CostUnitSchema.options),
  ],
};

export const toMicroUsd = (usd: number): number => Math.round(usd * 1_000_000);
export const toUsd = (micro: number): number => micro / 1_000_000;

export function rateWindows(value: LimitInput): { limit: number; unit: RateUnit }[] {
  const single = value.rateLimitOverTime
    ? [{ limit: value.rateLimitOverTime, unit: value.rateLimitUnit as RateUnit }]
    : [];
  return [...single, ...(value.rateLimits ?? [])];
}

export function costWindows(value: LimitInput): { limitMicroUsd: number; unit: CostUnit }[] {
  const single = value.costLimitInUsdOverTime
    ? [
        {
          limitMicroUsd: toMicroUsd(value.costLimitInUsdOverTime),
          unit: value.costLimitInUsdUnit as CostUnit,
        },
      ]
    : [];
  return [
    ...single,
    ...(value.costLimits ?? []).map((w) => ({ limitMicroUsd: toMicroUsd(w.limitInUsd), unit: w.unit })),
  ];
}

// A ttl counts from when it is set; an empty one removes the expiry.
export function expiryOf(ttl: string, nowMs: number): Date | null {
  const ms = ttl ? parseGoDuration(ttl) : null;
  return ms ? new Date(nowMs + ms) : null;
}

const NO_LIMITS: LimitColumns = {
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  ttl: '',
  expiresAt: null,
};

// The limit columns of a key or a user after a create (held: none) or an update (held: the stored ones). Given
// fields replace the held ones, as a PATCH; 0 removes a limit and null removes the in-flight cap, as in
// BricksLLM; fields not given stay as they are.
export function limitColumns(
  value: LimitInput,
  held: LimitColumns = NO_LIMITS,
  nowMs: number = Date.now(),
): LimitColumns {
  const given = (...fields: unknown[]) => fields.some((f) => f !== undefined);
  return {
    costLimitMicroUsd:
      value.costLimitInUsd === undefined
        ? held.costLimitMicroUsd
        : value.costLimitInUsd
          ? toMicroUsd(value.costLimitInUsd)
          : null,
    rateLimits: given(value.rateLimitOverTime, value.rateLimits) ? rateWindows(value) : held.rateLimits,
    costLimits: given(value.costLimitInUsdOverTime, value.costLimits) ? costWindows(value) : held.costLimits,
    tokenLimits: value.tokenLimits ?? held.tokenLimits,
    maxInFlightRequests:
      value.maxInFlightRequests === undefined ? held.maxInFlightRequests : value.maxInFlightRequests,
    endStreamsAtLimit: value.endStreamsAtLimit ?? held.endStreamsAtLimit,
    ttl: value.ttl ?? held.ttl,
    expiresAt: value.ttl === undefined ? held.expiresAt : expiryOf(value.ttl, nowMs),
  };
}

// BricksLLM's single-window response fields show the first window of each list; the lists follow in full.
export function limitResponseFields(limits: LimitColumns) {
  return {
    costLimitInUsd: limits.costLimitMicroUsd === null ? 0 : toUsd(limits.costLimitMicroUsd),
    costLimitInUsdOverTime: limits.costLimits[0] ? toUsd(limits.costLimits[0].limitMicroUsd) : 0,
    costLimitInUsdUnit: limits.costLimits[0]?.unit ?? '',
    rateLimitOverTime: limits.rateLimits[0]?.limit ?? 0,
    rateLimitUnit: limits.rateLimits[0]?.unit ?? '',
    rateLimits: limits.rateLimits,
    costLimits: limits.costLimits.map((w) => ({ limitInUsd: toUsd(w.limitMicroUsd), unit: w.unit })),
    tokenLimits: limits.tokenLimits,
    maxInFlightRequests: limits.maxInFlightRequests,
    endStreamsAtLimit: limits.endStreamsAtLimit,
  };
}
