import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { LogEnv, port } from '@tollgate/platform-config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// PII detection is pure computation: no external dependency, only bounds and the size of the worker pool.
export const PiiRedactionEnv = LogEnv.extend({
  PII_REDACTION_PORT: port(8004),
  // Detection runs in worker threads: one per core by default, at most 4 (each holds ~30 MB of detectors; a
  // container sees the host's cores, not its CPU limit, so set it there).
  PII_SCAN_WORKERS: positiveInt(Math.min(availableParallelism(), 4)),
  // Bounds of one scan call: past either, 413.
  PII_SCAN_MAX_TEXTS: positiveInt(4_096),
  PII_SCAN_MAX_BYTES: positiveInt(4 * 1024 * 1024),
  // Compiled policies kept per worker, by (policyId, policyVersion).
  PII_POLICY_CACHE_SIZE: positiveInt(256),
});
export type PiiRedactionConfig = z.infer<typeof PiiRedactionEnv>;
