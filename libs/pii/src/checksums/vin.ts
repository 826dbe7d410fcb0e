// North American VIN check digit (49 CFR 565): letters transliterate to digits, weights by position, the
// weighted sum mod 11 is the ninth character (10 written X). I, O and Q never appear in a VIN.
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const LETTER_VALUES = '12345678123457923456789';
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

export function isVinCheckDigitValid(vin: string): boolean {
  if (!VIN_SHAPE.test(vin)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i];
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : Number(LETTER_VALUES[LETTERS.indexOf(ch)]);
    sum += value * WEIGHTS[i];
  }
  const check = sum % 11;
  return vin[8] === (check === 10 ? 'X' : String(check));
}
