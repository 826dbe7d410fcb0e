import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';
import { isPaymentCardNumber } from './payment-card.detector';

describe('payment card detector', () => {
  it.each([
    ['a Visa in groups of four', 'card 4111 1111 1111 1111 please', ['4111 1111 1111 1111']],
    ['a Mastercard 2-series with dashes', 'use 2221-0000-0000-0009 today', ['2221-0000-0000-0009']],
    ['an Amex 4-6-5', 'Amex 3782 822463 10005', ['3782 822463 10005']],
    ['a card in one run', 'pan=4012888888881881;', ['4012888888881881']],
    ['a Luhn failure (order number)', 'Order #4111111111111112 shipped', []],
    ['a Luhn-valid number outside every issuer range', 'ref 1234 5678 9012 3452', []],
    ['a length the issuer never uses', 'Visa 4111 1111 1111 14', []],
    ['a table of small numbers', 'counts 10 20 30 40 50 60 70 80', []],
    ['a price', 'total $4,111.11', []],
  ])('numbers: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'credit_debit_number')).toEqual(expected);
  });

  it.each([
    ['after CVV', 'CVV: 123', ['123']],
    ['after "security code on the back is"', 'the security code on the back is 4567', ['4567']],
    ['after a card and its expiry', '4111 1111 1111 1111 04/27 321', ['321']],
    ['without a context word', 'room 123 is free', []],
    ['a verification code (one-time password)', 'your verification code is 4821', []],
  ])('CVV: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'credit_debit_cvv')).toEqual(expected);
  });

  it.each([
    ['after exp', 'exp 04/27', ['04/27']],
    ['after "valid thru"', 'valid thru 11/2026', ['11/2026']],
    ['MMYY after "exp date"', 'exp date 0731', ['0731']],
    ['right after a card number', '4111 1111 1111 1111 12/29', ['12/29']],
    ['a fraction without context', 'ratio 3/4 today', []],
    ['a month 13', 'exp 13/27', []],
  ])('expiry: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'credit_debit_expiry')).toEqual(expected);
  });

  it('checks issuer ranges and lengths', () => {
    expect(isPaymentCardNumber('371449635398431')).toBe(true);
    expect(isPaymentCardNumber('3714496353984310')).toBe(false);
    expect(isPaymentCardNumber('6011111111111117')).toBe(true);
  });
});
