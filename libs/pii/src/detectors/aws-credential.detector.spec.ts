import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

// Key-shaped test values, joined at run time so that no committed line looks like a credential to a secret
// scanner (none is one: the tails are made up).
const keyId = (prefix: 'AKIA' | 'ASIA') => `${prefix}${'TESTONLY2X7Q4Z9K'}`;
const KEY_ID = keyId('AKIA');
const SECRET = ['tEsT0nLy', 'K7mDeNg/bPxRfiCy', 'Q9w3Zx+VyT4uRsPl'].join('');

describe('AWS credential detector', () => {
  it.each([
    ['a long-term key id', `key ${KEY_ID}`, [KEY_ID]],
    ['a temporary key id', `${keyId('ASIA')} in the log`, [keyId('ASIA')]],
    ['a prefix with a short tail', KEY_ID.slice(0, -1), []],
    ['another prefix', `ABCD${KEY_ID.slice(4)}`, []],
  ])('access key: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'aws_access_key')).toEqual(expected);
  });

  it.each([
    ['after aws_secret_access_key=', `aws_secret_access_key=${SECRET}`, [SECRET]],
    ['near a key id', `${KEY_ID}:${SECRET}`, [SECRET]],
    ['without context', `token ${SECRET}`, []],
    ['a SHA-1 digest after "secret"', 'secret 3f786850e387550fdab836ed7e6dc881de23001b', []],
  ])('secret key: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'aws_secret_key')).toEqual(expected);
  });
});
