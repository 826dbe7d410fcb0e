import type { PiiVerdict } from '../request/request-context';

type Action = NonNullable<PiiVerdict['action']>;

// What the PII stage did, counted since the process started (read by the metrics endpoint and tests; the
// scan client counts its own call outcomes: PiiScanClient.counts()).
export class PiiCounters {
  readonly actions: Record<Action, number> = { allowed: 0, warned: 0, redacted: 0, blocked: 0 };
  // The scan was unreachable or late: requests refused with 503 (fail closed) or let through (fail open).
  failedClosed = 0;
  failedOpen = 0;
  // pii-redaction refused the call itself (a prompt past its bounds, a policy it cannot compile): refused.
  rejected = 0;

  snapshot(): {
    actions: Record<Action, number>;
    failedClosed: number;
    failedOpen: number;
    rejected: number;
  } {
    return {
      actions: { ...this.actions },
      failedClosed: this.failedClosed,
      failedOpen: this.failedOpen,
      rejected: this.rejected,
    };
  }
}
