// Payment cards: the number (Luhn plus issuer range and length), the CVV and the expiry (context words, or the
// position right after a card number, as card details are usually written).
import { isLuhnValid } from '../checksums/luhn';
import { contextScore, digitsOf, valuesAfterContext } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

interface IssuerRange {
  readonly from: number;
  readonly to: number;
  readonly prefixLength: number;
  readonly lengths: readonly number[];
}

const range = (from: number, to: number, lengths: readonly number[]): IssuerRange => ({
  from,
  to,
  prefixLength: String(from).length,
  lengths,
});
const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];

// Issuer identification ranges with the lengths each scheme issues (ISO/IEC 7812 registrations as published by
// the schemes). A Luhn-valid number outside every range is an order or tracking number, not a card.
const ISSUER_RANGES: readonly IssuerRange[] = [
  range(4, 4, [13, 16, 19]), // Visa
  range(51, 55, [16]), // Mastercard
  range(2221, 2720, [16]), // Mastercard 2-series
  range(34, 34, [15]), // American Express
  range(37, 37, [15]),
  range(6011, 6011, SIXTEEN_TO_NINETEEN), // Discover
  range(644, 649, SIXTEEN_TO_NINETEEN),
  range(65, 65, SIXTEEN_TO_NINETEEN),
  range(3528, 3589, SIXTEEN_TO_NINETEEN), // JCB
  range(300, 305, [14, 15, 16, 17, 18, 19]), // Diners Club
  range(3095, 3095, [14, 15, 16, 17, 18, 19]),
  range(36, 36, [14, 15, 16, 17, 18, 19]),
  range(38, 39, [14, 15, 16, 17, 18, 19]),
  range(62, 62, SIXTEEN_TO_NINETEEN), // UnionPay
  range(2200, 2204, SIXTEEN_TO_NINETEEN), // Mir
  range(50, 50, [12, 13, 14, 15, 16, 17, 18, 19]), // Maestro
  range(56, 69, [12, 13, 14, 15, 16, 17, 18, 19]),
  range(60, 60, [16]), // RuPay
  range(81, 82, [16]),
];

export function isPaymentCardNumber(digits: string): boolean {
  if (digits.length < 12 || digits.length > 19 || !isLuhnValid(digits)) return false;
  return ISSUER_RANGES.some((r) => {
    const prefix = Number(digits.slice(0, r.prefixLength));
    return prefix >= r.from && prefix <= r.to && r.lengths.includes(digits.length);
  });
}

// Digits in groups separated by one space or dash, or one run; groups of 4-6 but the last (Amex 4-6-5,
// 19-digit 4-4-4-4-3). Tables of small numbers ("10 20 30 40") never form such groups.
const CARD_SHAPE = /(?<![\d-])\d{4,6}(?:([ -])\d{3,6}(?:\1\d{3,6}){1,3}|\d{6,13})(?![\d-]|[.,]\d)/g;

const CVV_CONTEXT =
  /(?<![A-Za-z])(?:cvv2?|cvc2?|cvn|cid|csc|card\s+(?:security|verification)\s+(?:code|value|number)|security\s+(?:code|number)|card\s+code|(?:code|number|digits)\s+on\s+the\s+back|(?:3|4|three|four)[\s-]digits?(?:\s+(?:security\s+)?(?:code|number))?|digits\s+on\s+the\s+back)\b[^\d\n]{0,32}?(?<value>\d{3,4})(?![\d/-])/dgi;

// MM/YY, MM-YYYY, or MMYY right after the context word.
const EXPIRY_VALUE = String.raw`(?<value>(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:20)?\d{2}|(?:0[1-9]|1[0-2])\d{2})(?![\d/-])`;
const EXPIRY_CONTEXT = new RegExp(
  String.raw`(?<![A-Za-z])(?:exp(?:iry|iration|ires|ired|iring)?|valid\s+(?:thru|through|until|till)|good\s+(?:thru|through)|mm\s?/\s?yy(?:yy)?)(?![a-z])\.?(?:\s+date)?[^\d\n]{0,16}?` +
    EXPIRY_VALUE,
  'gid',
);

// What may follow a card number: "4111 1111 1111 1111 04/27 123", "..., exp 04/27, CVV 123".
const AFTER_CARD_EXPIRY =
  /^[\s,;|]*(?:(?:exp\w*|valid\s+thru)\.?[:\s]*)?(?<value>(?:0[1-9]|1[0-2])\/(?:20)?\d{2})(?![\d/])/d;
const AFTER_EXPIRY_CVV = /^[\s,;|]*(?:(?:cvv2?|cvc2?|csc)\.?[:\s]*)?(?<value>\d{3,4})(?![\d/-])/d;

function cardNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(CARD_SHAPE)) {
    if (!isPaymentCardNumber(digitsOf(m[0]))) continue;
    out.push({
      entity: 'credit_debit_number',
      start: m.index,
      end: m.index + m[0].length,
      score: Score.checksum,
    });
  }
  return out;
}

// Expiry and CVV written straight after a card number need no context word.
function cardTail(text: string, card: PiiCandidate): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const tail = text.slice(card.end, card.end + 48);
  const expiry = AFTER_CARD_EXPIRY.exec(tail);
  const expirySpan = expiry?.indices?.groups?.['value'];
  if (!expirySpan) return out;
  out.push({
    entity: 'credit_debit_expiry',
    start: card.end + expirySpan[0],
    end: card.end + expirySpan[1],
    score: Score.context,
  });
  const cvv = AFTER_EXPIRY_CVV.exec(tail.slice(expirySpan[1]));
  const cvvSpan = cvv?.indices?.groups?.['value'];
  if (cvvSpan) {
    const offset = card.end + expirySpan[1];
    out.push({
      entity: 'credit_debit_cvv',
      start: offset + cvvSpan[0],
      end: offset + cvvSpan[1],
      score: Score.context,
    });
  }
  return out;
}

export const paymentCardDetector: PiiDetector = {
  entities: ['credit_debit_number', 'credit_debit_cvv', 'credit_debit_expiry'],
  competes: true,
  detect(text) {
    // An expiry ("04/27") is the shortest value here: two digits in a row at least.
    if (!/\d{2}/.test(text)) return [];
    const out = cardNumbers(text);
    for (const card of [...out]) out.push(...cardTail(text, card));
    for (const v of valuesAfterContext(text, CVV_CONTEXT)) {
      out.push({
        entity: 'credit_debit_cvv',
        start: v.start,
        end: v.end,
        score: contextScore(Score.context, v.gap),
      });
    }
    for (const v of valuesAfterContext(text, EXPIRY_CONTEXT)) {
      out.push({
        entity: 'credit_debit_expiry',
        start: v.start,
        end: v.end,
        score: contextScore(Score.context, v.gap),
      });
    }
    return out;
  },
};
