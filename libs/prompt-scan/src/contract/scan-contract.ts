// The HTTP contract of pii-redaction's scan endpoint, shared by the service (which validates requests with it)
// and the client (which validates answers with it).
import { z } from 'zod';
import { PolicySnapshotSchema } from '@tollgate/contracts';

export const SCAN_PATH = '/v1/scan';

// The parts of a stored policy the service enforces (customConfig needs a model call: not done here).
export const ScanPolicySchema = PolicySnapshotSchema.pick({ config: true, regexConfig: true }).partial();

export const ScanRequestSchema = z.object({
  policyId: z.string().min(1).max(256),
  // Names one content of the policy: the service keeps compiled policies by (policyId, policyVersion).
  policyVersion: z.string().min(1).max(256),
  policy: ScanPolicySchema,
  texts: z.array(z.string()),
  // The service answers within this many milliseconds of receiving the call, or answers deadline_exceeded.
  deadlineMs: z.number().int().positive().max(60_000),
  // Who the scan is for (the proxy sends the gateway key's id): the service shares its workers and its queue
  // fairly between callers, so one key's flood of large prompts cannot hold up everyone else's scans.
  tenant: z.string().max(256).optional(),
});
export type ScanRequest = z.infer<typeof ScanRequestSchema>;

// A span of one text (UTF-16 offsets, as JavaScript strings count) and the placeholder that replaces it.
export const TextRedactionSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  placeholder: z.string(),
});
export type TextRedaction = z.infer<typeof TextRedactionSchema>;

export const ScanResultSchema = z.object({
  action: z.enum(['allowed', 'warned', 'redacted', 'blocked']),
  // Types only, never values.
  entitiesFound: z.array(z.string()),
  regexRulesMatched: z.array(z.number().int().nonnegative()),
  // One list per text, sorted and disjoint; empty unless the action is 'redacted' (a warned request goes on
  // unredacted, a blocked one not at all).
  redactions: z.array(z.array(TextRedactionSchema)),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

export const SCAN_ERROR_STATUS = {
  invalid_request: 400,
  too_large: 413,
  invalid_policy: 422,
  detector_failed: 500,
  unavailable: 503,
  deadline_exceeded: 504,
} as const;
export type ScanErrorCode = keyof typeof SCAN_ERROR_STATUS;

export const ScanErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(SCAN_ERROR_STATUS) as [ScanErrorCode, ...ScanErrorCode[]]),
    // Says what is wrong with the call, never what a text holds.
    message: z.string(),
  }),
});
export type ScanErrorBody = z.infer<typeof ScanErrorBodySchema>;
