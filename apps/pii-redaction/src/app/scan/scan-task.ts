// The messages between the service and its detection workers.
import type { PiiPolicy } from '@tollgate/pii';
import type { ScanResult } from '@tollgate/prompt-scan';

export interface ScanTaskMessage {
  readonly id: number;
  // policyId and policyVersion: a worker compiles a policy once per key.
  readonly policyKey: string;
  readonly policy: PiiPolicy;
  readonly texts: readonly string[];
}

export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: ScanResult; readonly scanMs: number }
  | {
      readonly kind: 'failed';
      readonly id: number;
      readonly code: 'invalid_policy' | 'detector_failed';
      readonly message: string;
      // Where the error was thrown (stack frames only: an error's message could quote a text).
      readonly frames?: string;
    };

export interface ScanWorkerData {
  readonly policyCacheSize: number;
}
