import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('AWS credential detector', () => {
  it.each([
    ['a long-term key id', 'key AKIAIOSFODNN7EXAMPLE', ['AKIAIOSFODNN7EXAMPLE']],
    ['a temporary key id', 'ASIAIOSFODNN7EXAMPLE in the log', ['ASIAIOSFODNN7EXAMPLE']],
    ['a prefix with a short tail', 'AKIAIOSFODNN7EXAMPL', []],
    ['another prefix', 'ABCDIOSFODNN7EXAMPLE', []],
  ])('access key: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'aws_access_key')).toEqual(expected);
  });

  it.each([
    ['after aws_secret_access_key=', `aws_secret_access_key=${SECRET}`, [SECRET]],
    ['near a key id', `AKIAIOSFODNN7EXAMPLE:${SECRET}`, [SECRET]],
    ['without context', `token ${SECRET}`, []],
    ['a SHA-1 digest after "secret"', 'secret 3f786850e387550fdab836ed7e6dc881de23001b', []],
  ])('secret key: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'aws_secret_key')).toEqual(expected);
  });
});
