// Bank identifiers: IBAN (mod 97 and the country's length), ABA routing numbers and UK sort codes (checksum or
// format, always with a context word: nine digits alone are too common), SWIFT/BIC codes, account numbers.
import { isAbaRoutingValid } from '../checksums/aba-routing';
import { ibanLength, isIbanValid } from '../checksums/iban';
import { isIsoCountry } from '../checksums/iso-country';
import {
  contextScore,
  hasContextBefore,
  hasContextNear,
  valuesAfterContext,
} from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// A country code, two check digits, then alphanumerics possibly grouped by spaces or dashes; the country's
// length decides where the IBAN ends, so a following word in capitals is not swallowed.
const IBAN_START = /\b[A-Za-z]{2}\d{2}(?=[ -]?[A-Za-z0-9])/g;
const IBAN_CONTEXT = /\biban\b/i;

const ROUTING_CONTEXT = /\b(?:routing|aba|rtn|r\/t|transit\s+(?:number|no))\b/i;
const NINE_DIGITS = /(?<![\d-])\d{9}(?![\d-])/g;
const SORT_CODE = /\bsort\s*code\b[^\d\n]{0,16}?(?<value>\d{2}([- ]?)\d{2}\2\d{2})(?![\d-])/dgi;

const SWIFT_SHAPE = /\b[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b/g;
const SWIFT_CONTEXT = /\b(?:swift|bic|bank\s+identifier\s+code)\b/i;

const ACCOUNT_CONTEXT =
  /(?<![A-Za-z])(?:(?:bank\s+|checking\s+|savings\s+|current\s+|deposit\s+)?account[\s_]*(?:number|no\.?|num\.?|#)|(?:checking|savings|current|bank|deposit)\s+account|checking|savings|acct\.?(?:[\s_]*(?:number|no\.?|num\.?|#))?|a\/c(?:\s*(?:no\.?|number|#))?)(?:\s*(?:is|was|:|=|-|#))*\s*["']?(?<value>\d(?:[ -]?\d){5,16})(?![\d-]|[.,]\d)/dgi;

function ibans(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const country = m[0].slice(0, 2).toUpperCase();
    const length = ibanLength(country);
    if (length === undefined) continue;
    let compact = '';
    let i = m.index;
    for (; i < text.length && compact.length < length; i++) {
      const ch = text[i];
      if (/[A-Za-z0-9]/.test(ch)) compact += ch.toUpperCase();
      else if (!/[ -]/.test(ch) || !/[A-Za-z0-9]/.test(text[i + 1] ?? '')) break;
    }
    // The IBAN must end where a word ends: a longer run is some other code.
    if (compact.length !== length || /[A-Za-z0-9]/.test(text[i] ?? '') || !isIbanValid(compact)) continue;
    const score = hasContextBefore(text, m.index, IBAN_CONTEXT) ? Score.checksumAndContext : Score.checksum;
    out.push({ entity: 'international_bank_account_number', start: m.index, end: i, score });
  }
  return out;
}

function routingNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(NINE_DIGITS)) {
    if (!isAbaRoutingValid(m[0]) || !hasContextNear(text, m.index, m.index + 9, ROUTING_CONTEXT, 48, 24))
      continue;
    out.push({ entity: 'bank_routing', start: m.index, end: m.index + 9, score: Score.checksumAndContext });
  }
  for (const v of valuesAfterContext(text, SORT_CODE)) {
    out.push({
      entity: 'bank_routing',
      start: v.start,
      end: v.end,
      score: contextScore(Score.formatAndContext, v.gap),
    });
  }
  return out;
}

// A BIC without a context word is taken only when its location code has a digit ("CHASUS33", "HSBCGB2L"):
// eight capital letters are as likely an acronym or a shouted word.
function swiftCodes(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(SWIFT_SHAPE)) {
    if (!isIsoCountry(m[1])) continue;
    const end = m.index + m[0].length;
    const context = hasContextNear(text, m.index, end, SWIFT_CONTEXT, 48, 24);
    if (!context && !/\d/.test(m[0].slice(6))) continue;
    out.push({
      entity: 'swift_code',
      start: m.index,
      end,
      score: context ? Score.formatAndContext : Score.format,
    });
  }
  return out;
}

// "account" alone is often a customer account; it names a bank account when money words are near it.
const PLAIN_ACCOUNT = /\baccount\s*(?:is\s+|:\s*)?(?<value>\d(?:[ -]?\d){5,16})(?![\d-]|[.,]\d)/dgi;
const MONEY_CONTEXT =
  /\b(?:bank|deposit|transfer|wire|pay|payment|funds|refund|routing|sort\s+code|iban|swift|bic|ifsc|branch|credit\s+union|payroll|salary)/i;

function accountNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, PLAIN_ACCOUNT)) {
    if (!hasContextNear(text, v.start - v.gap, v.end, MONEY_CONTEXT, 64, 48)) continue;
    out.push({
      entity: 'bank_account_number',
      start: v.start,
      end: v.end,
      score: contextScore(Score.heuristicStrong, v.gap),
    });
  }
  for (const v of valuesAfterContext(text, ACCOUNT_CONTEXT)) {
    out.push({
      entity: 'bank_account_number',
      start: v.start,
      end: v.end,
      score: contextScore(Score.context, v.gap),
    });
  }
  return out;
}

export const bankingDetector: PiiDetector = {
  entities: ['international_bank_account_number', 'bank_routing', 'swift_code', 'bank_account_number'],
  competes: true,
  detect(text) {
    const out = swiftCodes(text);
    if (!/\d{2}/.test(text)) return out;
    return [...out, ...ibans(text), ...routingNumbers(text), ...accountNumbers(text)];
  },
};
