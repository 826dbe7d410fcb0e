import { describe, expect, it } from 'vitest';
import type { PolicyEvaluation } from '@tollgate/pii';
import { toScanResult } from './scan-result';

const evaluation = (action: PolicyEvaluation['action']): PolicyEvaluation => ({
  action,
  entitiesFound: ['email'],
  regexRulesMatched: [0],
  redactions: [
    [
      { entity: 'regex', start: 0, end: 6 },
      { entity: 'email', start: 4, end: 12 },
    ],
    [],
  ],
});

describe(toScanResult.name, () => {
  it('merges overlapping spans into one, with the first placeholder', () => {
    expect(toScanResult(evaluation('redacted'), ['abcdefghijklmn', 'x']).redactions).toEqual([
      [{ start: 0, end: 12, placeholder: '[REDACTED]' }],
      [],
    ]);
  });

  it.each(['warned', 'blocked', 'allowed'] as const)(
    'gives no spans when %s: nothing is rewritten',
    (action) => {
      const result = toScanResult(evaluation(action), ['abcdefghijklmn', 'x']);
      expect(result.redactions).toEqual([[], []]);
      expect(result).toMatchObject({ action, entitiesFound: ['email'], regexRulesMatched: [0] });
    },
  );
});
