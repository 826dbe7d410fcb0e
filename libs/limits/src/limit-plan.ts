import type { KeyLimits } from '@tollgate/contracts';
import { nanoFromMicro } from '@tollgate/pricing';
import { SPEND_COUNTER } from './micro-dollar-counters';
import type { SlotCheck, WindowCheck } from './window-limiter';

// Whose limits: a gateway key, or a user of the caller's product (both apply to every request).
export interface LimitedSubject {
  kind: 'key' | 'user';
  id: string;
  limits: KeyLimits;
}

// What a request is charged at admission: one request, its reserved cost (nano-dollars) and its reserved tokens.
export interface RequestCharge {
  reservedNanoUsd: number;
  reservedTokens: number;
}

export interface LimitPlan {
  windows: WindowCheck[];
  slots: SlotCheck[];
}

// The units of a kind of window, as a tag in its counters' names: changing a subject's units starts its
// counters afresh (as BricksLLM clears them), while changing only an amount keeps what was counted.
const unitsTag = (windows: readonly { unit: string }[]): string =>
  `[${windows
    .map((w) => w.unit)
    .sort()
    .join('.')}]`;

export function hasSpendLimits(limits: KeyLimits): boolean {
  return limits.costLimitMicroUsd !== null || limits.costLimits.length > 0;
}

export function hasTokenLimits(limits: KeyLimits): boolean {
  return limits.tokenLimits.length > 0;
}

// Limits are configured in micro-dollars (costLimitInUsd to the micro-dollar) and counted in nano-dollars.
export function totalSpendCheck(
  subject: Pick<LimitedSubject, 'kind' | 'id'>,
  limitNanoUsd: number,
  amount = 0,
) {
  return {
    subject: `${subject.kind}:${subject.id}:${SPEND_COUNTER}`,
    kind: 'cost',
    unit: 'total',
    limit: limitNanoUsd,
    amount,
  } satisfies WindowCheck;
}

// Every check that applies to a request of these subjects. A subject with any spend limit reserves against
// its total spend too (its window limits alone, with no total limit, against an unreachable one).
export function planLimits(
  subjects: readonly LimitedSubject[],
  charge: RequestCharge,
  slot: { slotId: string; maxAgeMs: number },
): LimitPlan {
  const windows: WindowCheck[] = [];
  const slots: SlotCheck[] = [];
  for (const subject of subjects) {
    const { limits } = subject;
    const owner = `${subject.kind}:${subject.id}`;
    for (const w of limits.rateLimits)
      windows.push({ subject: `${owner}:rate${unitsTag(limits.rateLimits)}`, kind: 'rate', ...w, amount: 1 });
    for (const w of limits.costLimits)
      windows.push({
        subject: `${owner}:${SPEND_COUNTER}${unitsTag(limits.costLimits)}`,
        kind: 'cost',
        unit: w.unit,
        limit: nanoFromMicro(w.limitMicroUsd),
        amount: charge.reservedNanoUsd,
      });
    if (hasSpendLimits(limits))
      windows.push(
        totalSpendCheck(
          subject,
          limits.costLimitMicroUsd === null
            ? Number.MAX_SAFE_INTEGER
            : nanoFromMicro(limits.costLimitMicroUsd),
          charge.reservedNanoUsd,
        ),
      );
    for (const w of limits.tokenLimits)
      windows.push({
        subject: `${owner}:tokens${unitsTag(limits.tokenLimits)}`,
        kind: 'tokens',
        ...w,
        amount: charge.reservedTokens,
      });
    if (limits.maxInFlightRequests !== null)
      slots.push({ subject: owner, limit: limits.maxInFlightRequests, ...slot });
  }
  return { windows, slots };
}
