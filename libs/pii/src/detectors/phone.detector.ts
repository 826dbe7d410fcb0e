// Phone numbers, validated by libphonenumber-js (full metadata): a cheap pass finds digit runs that could be
// phone numbers, libphonenumber keeps the valid ones. Default region US; national formats of other regions
// (a leading trunk 0, or a phone word nearby) are tried against the regions whose other identifiers we cover.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { hasContextBefore } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// Digits with the separators phone numbers use (one space at a time, dots, dashes, parentheses), not glued to
// letters or to a longer dotted or slashed run (versions, dates, paths).
const PHONE_CHUNK = /(?<![\w+./-])(?:\+ ?|\b00 ?)?\(?\d(?:[\d().-]|[ \u00a0](?=\(?\d))*\d(?![\w/:-]|[.,]\d)/g;
const PHONE_CONTEXT =
  /\b(?:phone|ph|tel|telephone|mobile|mob|cell|cellphone|call|text|sms|whatsapp|signal|contact|fax|reach|dial|ring|landline|helpline|hotline|number)\b/i;
// A bare run of digits after these words is an identifier, not a number to dial.
const IDENTIFIER_CONTEXT =
  /\b(?:order|invoice|ticket|tracking|ref|reference|case|id|sku|serial|isbn|issn|po|transaction|txn|confirmation|booking|reservation|employee|badge|item|part|batch|lot|build|job|run|pr|issue|account|acct|policy|claim|member|customer|timestamp|epoch|ts|version|port|pid|uid|gid|nhs|ssn|sin|aadhaar|routing|sort\s+code)\b[^\n]{0,16}$/i;
const NATIONAL_REGIONS: readonly CountryCode[] = ['GB', 'AU', 'DE', 'FR', 'IE', 'IN'];

function digitCount(chunk: string): number {
  let n = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) >= 48 && chunk.charCodeAt(i) <= 57) n++;
  return n;
}

// Cheap shape check before the parser: "+" and a country code, or a NANP number (area code and exchange
// starting 2-9, an optional leading 1). Dates, SSNs and order numbers stop here.
const NANP = /^1?[2-9]\d{2}[2-9]\d{6}$/;
function plausibleUsOrInternational(chunk: string): boolean {
  if (/^(?:\+|00)/.test(chunk)) return true;
  return NANP.test(chunk.replace(/\D/g, ''));
}

function validNationalNumber(chunk: string, digits: number): boolean {
  const regions = chunk.startsWith('0')
    ? NATIONAL_REGIONS
    : digits === 10 && /^[6-9]/.test(chunk)
      ? ['IN' as const]
      : [];
  return regions.some((region) => parsePhoneNumberFromString(chunk, region)?.isValid() === true);
}

// Numbers written one after the other ("(415) 555-0132 (212) 555-0187") form one run: split it at the spaces
// where the left part is a valid number.
function splitRun(text: string, start: number, chunk: string): PiiCandidate[] {
  for (let i = chunk.indexOf(' '); i > 0; i = chunk.indexOf(' ', i + 1)) {
    const left = chunk.slice(0, i);
    const digits = digitCount(left);
    if (digits < 7) continue;
    if (digits > 15) break;
    if (plausibleUsOrInternational(left) && parsePhoneNumberFromString(left, 'US')?.isValid() === true) {
      return [...phonesInChunk(text, start, left), ...phonesInChunk(text, start + i + 1, chunk.slice(i + 1))];
    }
  }
  return [];
}

// Groups of digits as written. A phone number never ends in a one-digit group (an ISBN-10 does: 0-19-852663-6),
// and a North American number without "+" is grouped 3-3-4 (or 1-3-3-4), never 4-6 like a case number.
function digitGroups(chunk: string): string[] {
  return chunk.split(/[^\d]+/).filter((g) => g.length > 0);
}

function endsInOneDigitGroup(chunk: string): boolean {
  const groups = digitGroups(chunk);
  return groups.length > 1 && groups[groups.length - 1].length < 2;
}

function nanpGrouping(chunk: string): boolean {
  const groups = digitGroups(chunk);
  if (groups.length === 1 || /^(?:\+|00)/.test(chunk) || chunk.includes('(')) return true;
  return /^(?:1-)?3-3-4$|^(?:1-)?3-7$|^(?:1-)?6-4$/.test(groups.map((g) => g.length).join('-'));
}

function phonesInChunk(text: string, start: number, chunk: string): PiiCandidate[] {
  const digits = digitCount(chunk);
  if (digits < 7) return [];
  if (endsInOneDigitGroup(chunk)) return [];
  if (digits > 15) return splitRun(text, start, chunk);
  const formatted = /[^\d]/.test(chunk);
  const before = text.slice(Math.max(0, start - 40), start);
  if (!formatted && (IDENTIFIER_CONTEXT.test(before) || before.endsWith('#'))) return [];
  const context = hasContextBefore(text, start, PHONE_CONTEXT, 40);
  const score = context ? Score.context : formatted ? Score.format : Score.heuristic;
  const chunkScore = chunk.startsWith('+') ? Math.max(score, Score.format) : score;
  // Parsing one candidate costs 30-50 µs; libphonenumber's text search ~250 µs, so it only runs on a run long
  // enough to hold two numbers and announced as phone numbers (card and account numbers are long runs too).
  const usShaped = plausibleUsOrInternational(chunk) && nanpGrouping(chunk);
  if (usShaped && parsePhoneNumberFromString(chunk, 'US')?.isValid() === true) {
    return [{ entity: 'phone', start, end: start + chunk.length, score: chunkScore }];
  }
  if (digits > 12 && (context || chunk.lastIndexOf('+') > 0)) {
    const found = findPhoneNumbersInText(chunk, { defaultCountry: 'US' });
    if (found.length > 0) {
      return found.map((f) => ({
        entity: 'phone',
        start: start + f.startsAt,
        end: start + f.endsAt,
        score: chunkScore,
      }));
    }
  }
  if (context || (formatted && chunk.startsWith('0'))) {
    if (validNationalNumber(chunk, digits))
      return [{ entity: 'phone', start, end: start + chunk.length, score }];
  }
  return [];
}

export const phoneDetector: PiiDetector = {
  entities: ['phone'],
  competes: true,
  detect(text) {
    const out: PiiCandidate[] = [];
    // Seven digits at least, possibly grouped in ones and twos ("+33 1 42 68 53 00").
    if (!/(?:\d\D{0,3}){7}/.test(text)) return out;
    for (const m of text.matchAll(PHONE_CHUNK)) out.push(...phonesInChunk(text, m.index, m[0]));
    return out;
  },
};
