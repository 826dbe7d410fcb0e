import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('email detector', () => {
  it.each([
    ['a plain address', 'mail jane.doe+x@example.co.uk now', ['jane.doe+x@example.co.uk']],
    ['an obfuscated address', 'write olu [at] example [dot] com', ['olu [at] example [dot] com']],
    ['an npm spec', 'install typescript@5.4.2', []],
    ['a decorator', '@Injectable() export class', []],
    ['an @handle', 'ping @sarah_k', []],
  ])('%s', (_case, text, expected) => {
    expect(valuesFound(text, 'email')).toEqual(expected);
  });
});

describe('phone detector', () => {
  it.each([
    ['a US number', 'call (415) 555-0132 now', ['(415) 555-0132']],
    ['an international number', 'office +44 20 7946 0958', ['+44 20 7946 0958']],
    ['a UK national number', 'ring 020 7946 0321 today', ['020 7946 0321']],
    ['an Indian mobile after "number"', 'my number is 98765 43210', ['98765 43210']],
    ['tel: URI', 'tel:+14155550132', ['+14155550132']],
    ['numbers one after the other', '(415) 555-0132 (212) 555-0187', ['(415) 555-0132', '(212) 555-0187']],
    ['an invalid area code', 'call (123) 555-0132', []],
    ['an order number', 'order 4155550132 shipped', []],
    ['a date', 'on 2023-10-14', []],
    ['an SSN', 'SSN 123-45-6789', []],
    ['a card number', 'card 4111 1111 1111 1111', []],
    ['an IP address', 'host 192.168.100.200', []],
  ])('%s', (_case, text, expected) => {
    expect(valuesFound(text, 'phone')).toEqual(expected);
  });
});
