import type { PolicySnapshot } from '@tollgate/contracts';
import { policyVersionOf, type ScanRequest } from '@tollgate/prompt-scan';

// The parts of a policy a scan call carries, and the version pii-redaction caches its compiled form by.
export interface PolicyScan {
  policy: ScanRequest['policy'];
  policyVersion: string;
}

// A policy only costs a scan when one of its rules can change what happens to a request: a policy whose
// every rule is allow (or that has none) is never sent (customConfig rules are not enforced, ADR 0016).
export function needsScan(policy: PolicySnapshot): boolean {
  return (
    Object.values(policy.config.rules).some((action) => action !== 'allow') ||
    policy.regexConfig.rules.some((rule) => rule.action !== 'allow')
  );
}

// The read model hands out the same object until the policy changes, so the hash is computed once per
// version of a policy, not once per request.
const scans = new WeakMap<PolicySnapshot, PolicyScan>();

export function policyScanOf(snapshot: PolicySnapshot): PolicyScan {
  let scan = scans.get(snapshot);
  if (!scan) {
    const policy = { config: snapshot.config, regexConfig: snapshot.regexConfig };
    scan = { policy, policyVersion: policyVersionOf(policy) };
    scans.set(snapshot, scan);
  }
  return scan;
}
