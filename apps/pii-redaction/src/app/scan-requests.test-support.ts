// Test support, imported only by *.int-spec.ts: scan requests as the proxy sends them, and a timed call.
import { policyVersionOf, type ScanRequest } from '@tollgate/prompt-scan';

export const MAX_BYTES = 4 * 1024 * 1024;
export const PII_VALUES = ['jane.doe@example.com', '123-45-6789', '(415) 555-0132'];

// The version follows the policy's content, as the proxy's will: the service keeps compiled policies by it.
export function scanRequest(overrides: Partial<ScanRequest> = {}): ScanRequest {
  const policy = overrides.policy ?? { config: { rules: { email: 'allow_but_redact' as const } } };
  return {
    policyId: 'policy-1',
    policyVersion: policyVersionOf(policy),
    texts: [`Please write to ${PII_VALUES[0]} about the refund.`],
    deadlineMs: 5_000,
    ...overrides,
    policy,
  };
}

// A 2 KB prompt with an email and a phone number in it.
export const PROMPT_2KB = `Hi, this is about order 77. ${'The parcel was late and the box was damaged. '.repeat(20)}Reach me at ${PII_VALUES[0]} or ${PII_VALUES[2]}. ${'Thanks for looking into it. '.repeat(28)}`;

// Answers are checked with toEqual and toMatchObject; `any` keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function post(url: string, body: unknown): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), ms: performance.now() - started };
}
