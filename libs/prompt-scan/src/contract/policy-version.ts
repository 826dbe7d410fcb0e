import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ScanPolicySchema } from './scan-contract';

// A version that changes whenever the policy's content does, for callers without a version of their own:
// a hash of the policy with its keys sorted, so the same rules always give the same version.
export function policyVersionOf(policy: z.infer<typeof ScanPolicySchema>): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
