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

// A batch output file: each model's results at its batch price. Unpriced (null) if any model has no price.
export function billBatchOutput(
  metering: Pick<Metering, 'lookup'>,
  provider: string,
  usageByModel: ReadonlyMap<string, ReportedUsage>,
  costMap: Record<string, unknown> | null,
): Bill {
  let cost: number | null = 0;
  const entries = new Set<string>();
  const total = { ...NO_USAGE };
  for (const [model, used] of usageByModel) {
    const price = metering.lookup(provider, model, costMap);
    const usage = { ...used, estimated: false };
    const metered = price
      ? meterCost(price, { unit: 'batch_output', usage, request: null, response: null })
      : null;
    cost = cost === null || metered === null ? null : cost + metered;
    if (price) entries.add(price.key);
    for (const field of TOKEN_FIELDS) total[field] += used[field];
  }
  return {
    model: [...usageByModel.keys()][0] ?? '',
    usage: total,
    costMicroUsd: cost,
    priceEntry: entries.size > 0 ? [...entries].join(',') : null,
  };
}
