import { MAX_NANO_USD, meterCost, MoneyRangeError, type MeterInput } from '@tollgate/pricing';
import type { ReportedUsage } from '@tollgate/providers';
import type { Bill } from '../request/request-context';
import type { Metering } from './metering';
import { NO_USAGE } from './usage-estimate';

const TOKEN_FIELDS = [
  'promptTokens',
  'completionTokens',
  'cachedPromptTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'totalTokens',
] as const;

// Usage of several models in one response (a batch output file at batch prices, runs listed together), each
// at its model's price. Unpriced (null) if any model used has no price.
export function billByModel(
  metering: Pick<Metering, 'lookup'>,
  provider: string,
  usageByModel: ReadonlyMap<string, ReportedUsage>,
  costMap: Record<string, unknown> | null,
  batch: boolean,
): Pick<Bill, 'model' | 'usage' | 'costNanoUsd' | 'priceEntry'> {
  let cost: number | null = 0;
  const entries = new Set<string>();
  const total = { ...NO_USAGE };
  for (const [model, used] of usageByModel) {
    const price = metering.lookup(provider, model, costMap);
    const usage = { ...used, estimated: false };
    const metered = price ? costAtMost(() => meterCost(price, meterInput(usage, batch))) : null;
    cost = cost === null || metered === null ? null : Math.min(cost + metered, MAX_NANO_USD);
    if (price) entries.add(price.key);
    for (const field of TOKEN_FIELDS) total[field] += used[field];
  }
  const used = total.totalTokens > 0;
  return {
    model: [...usageByModel.keys()][0] ?? '',
    usage: total,
    costNanoUsd: used ? cost : 0,
    priceEntry: entries.size > 0 ? [...entries].join(',') : null,
  };
}

const meterInput = (usage: MeterInput['usage'], batch: boolean): MeterInput => ({
  unit: batch ? 'batch_output' : 'tokens',
  usage,
  request: null,
  response: null,
});

// As for a single request (settle.stage.ts): a cost past the ceiling is recorded at it, never dropped.
function costAtMost(meter: () => number | null): number | null {
  try {
    return meter();
  } catch (error) {
    if (error instanceof MoneyRangeError) return MAX_NANO_USD;
    throw error;
  }
}
