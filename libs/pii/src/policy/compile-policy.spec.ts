import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy';
import { evaluateCompiled } from './evaluate';
import { PiiRuleException } from './pii-rule.exception';

describe(compilePolicy.name, () => {
  it('keeps the acting rules only: entity actions with all expanded, regex rules with their index', () => {
    const compiled = compilePolicy({
      config: { rules: { all: 'allow_but_warn', email: 'allow', ssn: 'block' } },
      regexConfig: {
        rules: [
          { definition: 'harmless', action: 'allow' },
          { definition: 'ACME-[0-9]+', action: 'allow_but_redact' },
        ],
      },
    });
    expect(compiled.entityActions.get('ssn')).toBe('block');
    expect(compiled.entityActions.get('phone')).toBe('allow_but_warn');
    expect(compiled.entityActions.has('email')).toBe(false);
    expect(compiled.regexRules.map(({ index, action }) => [index, action])).toEqual([
      [1, 'allow_but_redact'],
    ]);
  });

  it('refuses a regex rule that does not compile before any text is seen', () => {
    expect(() =>
      compilePolicy({ regexConfig: { rules: [{ definition: '(unclosed', action: 'block' }] } }),
    ).toThrow(PiiRuleException);
  });

  it('evaluates many calls from one compilation', () => {
    const compiled = compilePolicy({
      regexConfig: { rules: [{ definition: 'ACME-[0-9]+', action: 'block' }] },
    });
    expect(evaluateCompiled(compiled, ['ticket ACME-1']).action).toBe('blocked');
    expect(evaluateCompiled(compiled, ['nothing here']).action).toBe('allowed');
    expect(evaluateCompiled(compiled, ['and ACME-2']).regexRulesMatched).toEqual([0]);
  });
});
