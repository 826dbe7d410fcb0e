import { describe, expect, it } from 'vitest';
import { policyVersionOf } from './policy-version';

describe(policyVersionOf.name, () => {
  it('is the same for the same rules written in another key order', () => {
    expect(policyVersionOf({ config: { rules: { email: 'block', ssn: 'allow_but_redact' } } })).toBe(
      policyVersionOf({ config: { rules: { ssn: 'allow_but_redact', email: 'block' } } }),
    );
  });

  it('changes when any rule changes', () => {
    const base = { config: { rules: { email: 'block' as const } }, regexConfig: { rules: [] } };
    const versions = new Set([
      policyVersionOf(base),
      policyVersionOf({ ...base, config: { rules: { email: 'allow_but_warn' } } }),
      policyVersionOf({ ...base, regexConfig: { rules: [{ definition: 'x', action: 'block' }] } }),
    ]);
    expect(versions.size).toBe(3);
  });
});
