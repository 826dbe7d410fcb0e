import { describe, expect, it } from 'vitest';
import { compileRule } from './compile-rule';
import { PiiRuleException } from './pii-rule.exception';

describe('compileRule', () => {
  it('finds every non-empty match with UTF-16 offsets', () => {
    const rule = compileRule(String.raw`\d{3}`);
    expect(rule.matches('😀 x 123 é 456')).toEqual([
      { start: 5, end: 8 },
      { start: 11, end: 14 },
    ]);
    expect(rule.test('no digits')).toBe(false);
  });

  it('ignores empty matches (a* matches everywhere)', () => {
    expect(compileRule('a*').matches('bab')).toEqual([{ start: 1, end: 2 }]);
  });

  it.each([
    ['an unbalanced group', '(a', 'invalid-regex'],
    ['a backreference (RE2 has none)', String.raw`(\w+)\1`, 'invalid-regex'],
    ['a lookahead (RE2 has none)', '(?=a)b', 'invalid-regex'],
    ['a repeat count over 1000', 'a{1001}', 'invalid-regex'],
    ['an empty rule', '', 'invalid-regex'],
    ['a rule longer than 4096 characters', 'a'.repeat(4097), 'regex-too-large'],
  ])('refuses %s with a typed error', (_case, definition, code) => {
    let caught: unknown;
    try {
      compileRule(definition);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PiiRuleException);
    expect((caught as PiiRuleException).code).toBe(code);
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    // (a+)+$ on "aaaa…!" takes exponential time in a backtracking engine: 30 a's already hang RegExp.
    const rule = compileRule('(a+)+$');
    const time = (n: number) => {
      const input = 'a'.repeat(n) + '!';
      rule.test(input); // warm-up
      const started = performance.now();
      for (let i = 0; i < 3; i++) expect(rule.test(input)).toBe(false);
      return (performance.now() - started) / 3;
    };
    const small = time(25_000);
    const large = time(100_000);
    expect(large).toBeLessThan(2_000);
    // Four times the input, about four times the time (generous bound for a shared machine).
    expect(large).toBeLessThan(small * 12 + 20);
  });
});
