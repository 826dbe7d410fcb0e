import type { ScanErrorCode, ScanResult } from '../contract/scan-contract';

// What a scan call came to. The proxy enforces `ok`, fails closed on `rejected` (the call itself was wrong:
// a policy that does not compile, a prompt over the service's bounds) and fails closed or open by
// configuration on `unavailable`.
export type ScanOutcome =
  | { readonly kind: 'ok'; readonly result: ScanResult }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly code: ScanErrorCode;
      readonly message: string;
    }
  | { readonly kind: 'unavailable'; readonly reason: UnavailableReason; readonly status?: number };

export const UNAVAILABLE_REASONS = [
  'connection_refused',
  'timeout',
  'server_error',
  'invalid_response',
  'network',
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface ScanOutcomeCounts {
  ok: number;
  rejected: number;
  unavailable: Record<UnavailableReason, number>;
}

export function emptyCounts(): ScanOutcomeCounts {
  return {
    ok: 0,
    rejected: 0,
    unavailable: Object.fromEntries(UNAVAILABLE_REASONS.map((r) => [r, 0])) as Record<
      UnavailableReason,
      number
    >,
  };
}

export function countOutcome(counts: ScanOutcomeCounts, outcome: ScanOutcome): void {
  if (outcome.kind === 'unavailable') counts.unavailable[outcome.reason]++;
  else counts[outcome.kind]++;
}
