import { describe, expect, it } from 'vitest';
import { createScanTaskHandler } from './scan-task.handler';
import type { ScanTaskMessage } from './scan-task';

const task = (overrides: Partial<ScanTaskMessage>): ScanTaskMessage => ({
  id: 7,
  policyKey: 'policy-1\u0000v1',
  policy: { config: { rules: { email: 'allow_but_redact' } } },
  texts: ['write to jane.doe@example.com today'],
  ...overrides,
});

describe(createScanTaskHandler.name, () => {
  it('answers the evaluation with the spans to rewrite and their placeholders', () => {
    const answer = createScanTaskHandler(4)(task({}));
    expect(answer).toMatchObject({
      kind: 'result',
      id: 7,
      result: {
        action: 'redacted',
        entitiesFound: ['email'],
        redactions: [[{ start: 9, end: 29, placeholder: '[EMAIL]' }]],
      },
    });
  });

  it('answers invalid_policy, naming the rule, for a regex that does not compile', () => {
    const policy = { regexConfig: { rules: [{ definition: '(unclosed', action: 'block' as const }] } };
    expect(createScanTaskHandler(4)(task({ policy }))).toMatchObject({
      kind: 'failed',
      code: 'invalid_policy',
    });
  });

  it('answers detector_failed for an error inside detection, without the text in the message', () => {
    // A text that is not a string reaches the detectors only past validation: here it makes them throw.
    const answer = createScanTaskHandler(4)(
      task({ texts: ['jane.doe@example.com', { length: 3 } as unknown as string] }),
    );
    expect(answer).toMatchObject({
      kind: 'failed',
      id: 7,
      code: 'detector_failed',
      message: 'detection failed (TypeError)',
    });
    expect(JSON.stringify(answer)).not.toContain('jane.doe');
  });

  it('compiles a policy once per (policyId, policyVersion): the same key keeps its compiled rules', () => {
    const handle = createScanTaskHandler(4);
    expect(handle(task({})).kind).toBe('result');
    // Same key, other content: served from the compiled policy (a new version is how a change is announced).
    const changed = { regexConfig: { rules: [{ definition: '(unclosed', action: 'block' as const }] } };
    expect(handle(task({ policy: changed }))).toMatchObject({
      kind: 'result',
      result: { action: 'redacted' },
    });
    expect(handle(task({ policy: changed, policyKey: 'policy-1\u0000v2' }))).toMatchObject({
      kind: 'failed',
      code: 'invalid_policy',
    });
  });
});
