import { describe, expect, it } from 'vitest';
import { redact } from '../redaction/redact';
import { evaluate } from './evaluate';
import type { PiiPolicy } from './pii-policy';
import { PiiRuleException } from './pii-rule.exception';

const EMAIL_TEXT = 'Contact jane.doe@example.com or call (415) 555-0132.';

describe('evaluate', () => {
  it('allows without scanning when no rule acts', () => {
    const policy: PiiPolicy = {
      config: { rules: { email: 'allow', all: 'allow' } },
      regexConfig: { rules: [] },
    };
    expect(evaluate(policy, [EMAIL_TEXT])).toEqual({
      action: 'allowed',
      entitiesFound: [],
      regexRulesMatched: [],
      redactions: [[]],
    });
  });

  it('redacts every value of a redacted type with a typed placeholder', () => {
    const result = evaluate({ config: { rules: { email: 'allow_but_redact', phone: 'allow_but_redact' } } }, [
      EMAIL_TEXT,
    ]);
    expect(result.action).toBe('redacted');
    expect(result.entitiesFound).toEqual(['email', 'phone']);
    expect(redact(EMAIL_TEXT, result.redactions[0])).toBe('Contact [EMAIL] or call [PHONE].');
  });

  it('applies block > warn > redact > allow', () => {
    const rules = { email: 'allow_but_redact', phone: 'allow_but_warn' } as const;
    expect(evaluate({ config: { rules } }, [EMAIL_TEXT]).action).toBe('warned');
    expect(evaluate({ config: { rules: { ...rules, email: 'block' } } }, [EMAIL_TEXT]).action).toBe(
      'blocked',
    );
    expect(evaluate({ config: { rules: { ssn: 'block' } } }, [EMAIL_TEXT]).action).toBe('allowed');
  });

  it("lets an entity's own rule override 'all'", () => {
    const result = evaluate({ config: { rules: { all: 'allow_but_redact', email: 'allow' } } }, [EMAIL_TEXT]);
    expect(result.entitiesFound).toEqual(['phone']);
    expect(redact(EMAIL_TEXT, result.redactions[0])).toBe('Contact jane.doe@example.com or call [PHONE].');
  });

  it('applies every redact rule, entity and regex together (BricksLLM kept only the last)', () => {
    const text = 'Ticket ACME-42 from jane.doe@example.com about project Falcon.';
    const policy: PiiPolicy = {
      config: { rules: { email: 'allow_but_redact' } },
      regexConfig: {
        rules: [
          { definition: 'ACME-[0-9]+', action: 'allow_but_redact' },
          { definition: 'Falcon', action: 'allow_but_redact' },
        ],
      },
    };
    const result = evaluate(policy, [text]);
    expect(result.action).toBe('redacted');
    expect(result.regexRulesMatched).toEqual([0, 1]);
    expect(redact(text, result.redactions[0])).toBe(
      'Ticket [REDACTED] from [EMAIL] about project [REDACTED].',
    );
  });

  it('blocks or warns on a regex match, and reports which rule matched', () => {
    const policy: PiiPolicy = {
      regexConfig: {
        rules: [
          { definition: 'secret project', action: 'allow_but_warn' },
          { definition: 'never match me', action: 'block' },
        ],
      },
    };
    const result = evaluate(policy, ['about the secret project']);
    expect(result.action).toBe('warned');
    expect(result.regexRulesMatched).toEqual([0]);
  });

  it('keeps the redactions of each text apart', () => {
    const result = evaluate({ config: { rules: { email: 'allow_but_redact' } } }, [
      'no pii',
      'a@example.com',
    ]);
    expect(result.redactions[0]).toEqual([]);
    expect(result.redactions[1]).toEqual([{ entity: 'email', start: 0, end: 13 }]);
  });

  it('throws a typed error for a stored regex that does not compile', () => {
    const policy: PiiPolicy = { regexConfig: { rules: [{ definition: '(unclosed', action: 'block' }] } };
    expect(() => evaluate(policy, ['text'])).toThrow(PiiRuleException);
  });

  it('never puts a matched value in its result', () => {
    const result = evaluate({ config: { rules: { all: 'allow_but_warn' } } }, [EMAIL_TEXT]);
    expect(JSON.stringify(result)).not.toContain('jane.doe');
    expect(JSON.stringify(result)).not.toContain('555');
  });
});
