// ABA routing transit number: weights 3 7 1 sum to a multiple of 10, and the first two digits are a Federal
// Reserve district (00-12), a thrift (21-32), an electronic (61-72) or a traveller's cheque (80) prefix.
export function isAbaRoutingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  const prefix = Number(digits.slice(0, 2));
  const knownPrefix =
    prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!knownPrefix) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i % 3];
  return sum % 10 === 0;
}
