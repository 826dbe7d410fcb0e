import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('banking detector', () => {
  it.each([
    ['a grouped IBAN', 'IBAN DE89 3704 0044 0532 0130 00 thanks', ['DE89 3704 0044 0532 0130 00']],
    ['a compact IBAN', 'to GB82WEST12345698765432.', ['GB82WEST12345698765432']],
    [
      'an IBAN followed by a word in capitals',
      'GB82 WEST 1234 5698 7654 32 BIC NWBKGB2L',
      ['GB82 WEST 1234 5698 7654 32'],
    ],
    ['a wrong check digit', 'IBAN DE88 3704 0044 0532 0130 00', []],
    ['a wrong length for the country', 'IBAN DE89 3704 0044 0532 0130 0', []],
    ['an unknown country', 'XX89 3704 0044 0532 0130 00', []],
  ])('IBAN: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'international_bank_account_number')).toEqual(expected);
  });

  it.each([
    ['after "routing number"', 'routing number 021000021', ['021000021']],
    ['after ABA', 'ABA: 026009593', ['026009593']],
    ['a UK sort code', 'sort code 20-32-06', ['20-32-06']],
    ['a valid checksum without context', 'reference 021000021', []],
    ['context but a failing checksum', 'routing number 021000022', []],
  ])('routing: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'bank_routing')).toEqual(expected);
  });

  it.each([
    ['after SWIFT', 'SWIFT code DEUTDEFF', ['DEUTDEFF']],
    ['with a branch code after BIC', 'BIC: NWBKGB2LXXX', ['NWBKGB2LXXX']],
    ['a digit in the location code, no context', 'send via CHASUS33 today', ['CHASUS33']],
    ['eight capitals without context', 'the ABSOLUTE minimum', []],
    ['a country code that does not exist', 'SWIFT ABCDXQ22', []],
  ])('SWIFT: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'swift_code')).toEqual(expected);
  });

  it.each([
    ['after "account number"', 'account number 12345678', ['12345678']],
    ['after "acct #"', 'acct #00483726615 overdrawn', ['00483726615']],
    ['after "checking account"', 'checking account 4412 9987 33', ['4412 9987 33']],
    ['"account" alone', 'account 12345678 was created', []],
    ['a count of accounts', 'we have 12 accounts', []],
  ])('account number: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'bank_account_number')).toEqual(expected);
  });
});
