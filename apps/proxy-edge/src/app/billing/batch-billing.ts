import { meterCost } from '@tollgate/pricing';
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
    const metered = price
      ? meterCost(price, { unit: batch ? 'batch_output' : 'tokens', usage, request: null, response: null })
      : null;
    cost = cost === null || metered === null ? null : cost + metered;
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
