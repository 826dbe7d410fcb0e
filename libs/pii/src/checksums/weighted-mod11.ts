// Weighted modulus-11 checks of UK identifiers.

// NHS number: weights 10..2 over the first nine digits; 11 - (sum mod 11) is the tenth digit (11 reads 0, and
// a result of 10 means the number was never issued).
export function isNhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

// HMRC UTR: the first digit checks the other nine (weights 6 7 8 9 10 5 4 3 2), read through '21987654321'.
export function isUtrValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const weights = [6, 7, 8, 9, 10, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i + 1) - 48) * weights[i];
  return '21987654321'[sum % 11] === digits[0];
}
