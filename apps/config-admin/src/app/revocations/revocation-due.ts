import type { LimitColumns } from '@tollgate/config-entities';
import type { RevocationReason } from '@tollgate/contracts';

// Whether a revocation request still holds against the stored row, which may have changed since auth-limit
// asked (its read model lags the database): an expiry needs an expiry that has passed, a spend revocation a
// cost limit (auth-limit counts the spend). A stale request is dropped; auth-limit asks again if its read model
// still calls for it once it has caught up.
export function revocationDue(reason: RevocationReason, limits: LimitColumns, nowMs: number): boolean {
  switch (reason) {
    case 'expired':
      return limits.expiresAt !== null && limits.expiresAt.getTime() <= nowMs;
    case 'cost_limit_exhausted':
      return limits.costLimitMicroUsd !== null;
  }
}
