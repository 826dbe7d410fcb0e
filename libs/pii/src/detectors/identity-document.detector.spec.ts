import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('identity document detector', () => {
  it.each([
    ['after "passport number"', 'passport number X12345678', ['X12345678']],
    ['after "passport no. is"', 'my passport no. is 548712903', ['548712903']],
    ['a word after passport', 'passport photo booth', []],
    ['a page number', 'passport page 2', []],
  ])('passport: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'passport_number')).toEqual(expected);
  });

  it.each([
    ["after driver's license", "driver's license D1234567", ['D1234567']],
    ['with dashes', 'driver license no. F255-921-50-094-0', ['F255-921-50-094-0']],
    ['after DL#', 'DL# S530-4512-8190', ['S530-4512-8190']],
    ['"dl" in lower case', 'dl 12345678 files', []],
    ['a software licence key', 'license key ABCD-1234', []],
  ])('driver id: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'driver_id')).toEqual(expected);
  });
});
