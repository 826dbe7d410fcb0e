import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('account credential detector', () => {
  it.each([
    ['after "password:"', 'password: hunter2', ['hunter2']],
    ['after "my password is"', 'my password is Tr0ub4dor&3', ['Tr0ub4dor&3']],
    [
      'a quoted passphrase',
      "the wifi password is 'correct horse battery staple'",
      ['correct horse battery staple'],
    ],
    ['a prefixed key', 'db_password=s3cr3t', ['s3cr3t']],
    ['a description of the password', 'the password is incorrect', []],
    ['a password reset', 'click the password reset link', []],
    ['a masked value', 'password: ********', []],
    ['a policy', 'password policy requires 12 characters', []],
  ])('password: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'password')).toEqual(expected);
  });

  it.each([
    ['after "username:"', 'username: mkowalski', ['mkowalski']],
    ['after "logged in as"', 'logged in as priya.n today', ['priya.n']],
    ['a handle', 'ping @sarah_k please', ['@sarah_k']],
    ['"required"', 'username is required', []],
    ['a JSDoc tag', '@param name the name', []],
    ['an npm scope', 'install @types/node', []],
  ])('username: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'username')).toEqual(expected);
  });

  it.each([
    ['after PIN', 'PIN 4821.', ['4821']],
    ['after "PIN code for the door is"', 'the PIN code for the door is 258014', ['258014']],
    ['an Indian postal PIN code in an address', 'MG Road, Bengaluru, PIN code 560001', []],
    ['a pinned message', 'pinned 3 messages', []],
  ])('PIN: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'pin')).toEqual(expected);
  });
});
