import type { KeyLimits } from '@tollgate/contracts';
import type { LimitColumns } from '../entities/limit-columns.embedded';

// A key's or a user's limit columns as the limiter reads them (the same shape for both).
export function toKeyLimits(limits: LimitColumns): KeyLimits {
  return {
    costLimitMicroUsd: limits.costLimitMicroUsd,
    rateLimits: limits.rateLimits,
    costLimits: limits.costLimits,
    tokenLimits: limits.tokenLimits,
    maxInFlightRequests: limits.maxInFlightRequests,
    endStreamsAtLimit: limits.endStreamsAtLimit,
    expiresAt: limits.expiresAt?.toISOString() ?? null,
  };
}
