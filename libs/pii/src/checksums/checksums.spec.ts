import { describe, expect, it } from 'vitest';
import { isAbaRoutingValid } from './aba-routing';
import { isIbanValid } from './iban';
import { isLuhnValid } from './luhn';
import { isVerhoeffValid } from './verhoeff';
import { isVinCheckDigitValid } from './vin';
import { isNhsNumberValid, isUtrValid } from './weighted-mod11';

describe('checksums', () => {
  it.each([
    ['luhn', isLuhnValid, '4111111111111111', '4111111111111112'],
    ['luhn (SIN)', isLuhnValid, '046454286', '046454287'],
    ['iban', isIbanValid, 'GB82WEST12345698765432', 'GB82WEST12345698765433'],
    ['iban (country length)', isIbanValid, 'DE89370400440532013000', 'DE8937040044053201300'],
    ['aba', isAbaRoutingValid, '021000021', '021000022'],
    ['aba (Federal Reserve prefix)', isAbaRoutingValid, '111000025', '990000026'],
    ['verhoeff', isVerhoeffValid, '2363', '2364'],
    ['nhs mod 11', isNhsNumberValid, '9434765919', '9434765918'],
    ['utr mod 11', isUtrValid, '9768345887', '9768345886'],
    ['vin', isVinCheckDigitValid, '1M8GDM9AXKP042788', '1M8GDM9A1KP042788'],
  ] as const)('%s accepts the valid value and refuses the altered one', (_name, check, valid, invalid) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });

  it('refuses non-digits and empty input', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('4111-1111')).toBe(false);
    expect(isVerhoeffValid('12a4')).toBe(false);
    expect(isVinCheckDigitValid('1M8GDM9AXKP04278O')).toBe(false);
  });
});
