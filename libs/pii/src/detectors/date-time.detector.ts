// Dates and times (date_time) and ages. A date is a calendar date with a day and a month (and usually a year);
// a time is a clock time with am/pm, a time zone or a date next to it. Bare "12:30" or "250ms" are timings in
// logs, not PII. Ages are numbers next to age words ("34 years old", "aged 34", "age: 34").
import { contextScore, valuesAfterContext } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:1[89]\d{2}|20\d{2})`;

const ISO_DATE =
  /\b(?:1[89]|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d):?[0-5]\d)?)?(?![\d-])/g;
// 14/03/1985, 3/14/85, 14.03.1985, 14-03-1985; dots only with a four-digit year (1.2.34 is a version).
// A two-digit year only with slashes: "5-9-22" is more often a house or part number than a date.
const NUMERIC_DATE =
  /(?<![\d./-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|(?<=\/\d{1,2}\/)\d{2})(?![\d/-]|\.\d)|(?<![\d./-])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d|\.\d)/g;
const TEXT_DATE = new RegExp(
  String.raw`\b${WEEKDAY}(?:${MONTH}\s+${DAY}(?:,?\s+${YEAR})?|(?:the\s+)?${DAY}\s+(?:of\s+)?${MONTH},?(?:\s+${YEAR})?|${MONTH},?\s+${YEAR})(?![\w])`,
  'g',
);
const TIME =
  /\b(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s?(?:[ap]m\b|[ap]\.m\.|(?:UTC|GMT|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|IST|JST|AEST)\b)|(?:1[0-2]|0?[1-9])\s?(?:[ap]m\b|[ap]\.m\.))/gi;
// A date and a time written together are one value: "March 3, 2024 at 4:15 pm".
const JOINER = /^(?:,?\s+(?:at\s+)?|T|\s*@\s*)$/i;

const AGE_AFTER =
  /(?<![\d.])(?<value>\d{1,3})(?:\s*|-)(?:years?|yrs?|y\.?o\.?|yo)(?:\s*|-)(?:old|of\s+age)\b|(?<![\d.])(?<value2>\d{1,3})\s?(?:yo|y\/o|y\.o\.)(?![\w])/dgi;
const AGE_BEFORE =
  /\b(?:aged|age(?:\s+of)?|age\b[^\d\n:=]{0,24}[:=]|ages?\s+is|turned|turning|turns|i\s*am|i'm|im|(?:he|she)\s+is|(?:he|she)'s|(?:i'll|i\s+will|he'll|she'll)\s+be|(?:son|daughter|child|kid|baby|boy|girl|brother|sister|mum|mom|dad|mother|father|wife|husband|partner|grandmother|grandfather|grandma|grandpa|nephew|niece|cousin|patient|client|applicant|friend)(?:'s|\s+is|\s+was|\s+turned))\s*(?:is\s+)?(?<value>\d{1,3})(?!\d|[.,:/]\d|[%-]|\s*(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|km|miles?|kg|lbs?|am|pm|items?|times|x)\b)/dgi;
const AGE_WORD_BEFORE = /^(?:aged|age|ages?\s+is|turned|turning|turns)/i;
// After "is N" a clause may go on with these words and N still be an age ("she is 9 and", "turns 18 next week").
const AGE_CLAUSE_GOES_ON = /^\s*(?:and|but|now|this|next|last|soon|so|too|when|since|today|already)\b/i;

function validDayMonth(a: number, b: number): boolean {
  // Either day/month or month/day order.
  return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

function dates(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const push = (start: number, end: number, score: number) =>
    out.push({ entity: 'date_time', start, end, score });
  for (const m of text.matchAll(ISO_DATE)) push(m.index, m.index + m[0].length, Score.format);
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1] ?? m[5]);
    const b = Number(m[3] ?? m[6]);
    if (validDayMonth(a, b)) push(m.index, m.index + m[0].length, Score.format);
  }
  for (const m of text.matchAll(TEXT_DATE)) push(m.index, m.index + m[0].length, Score.format);
  for (const m of text.matchAll(TIME)) push(m.index, m.index + m[0].length, Score.format);
  return joinDateAndTime(text, out);
}

function joinDateAndTime(text: string, found: PiiCandidate[]): PiiCandidate[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiCandidate[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c.start >= last.end && JOINER.test(text.slice(last.end, c.start))) {
      out[out.length - 1] = { ...last, end: c.end };
    } else if (!last || c.start >= last.end) {
      out.push(c);
    }
  }
  return out;
}

function ages(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(AGE_AFTER)) {
    const span = m.indices?.groups?.['value'] ?? m.indices?.groups?.['value2'];
    const value = m.groups?.['value'] ?? m.groups?.['value2'];
    if (!span || value === undefined || Number(value) > 125) continue;
    out.push({ entity: 'age', start: span[0], end: span[1], score: Score.context });
  }
  for (const v of valuesAfterContext(text, AGE_BEFORE)) {
    if (Number(v.value) > 125) continue;
    const label = text.slice(v.start - v.gap, v.start);
    // "I am 34" says an age only at the end of a clause; "I'm 5 minutes away" was excluded by the pattern.
    if (
      !AGE_WORD_BEFORE.test(label) &&
      /^\s*[a-z]/i.test(text.slice(v.end, v.end + 3)) &&
      !AGE_CLAUSE_GOES_ON.test(text.slice(v.end))
    )
      continue;
    out.push({ entity: 'age', start: v.start, end: v.end, score: contextScore(Score.context, v.gap) });
  }
  return out;
}

export const dateTimeDetector: PiiDetector = {
  entities: ['date_time', 'age'],
  competes: true,
  detect(text) {
    if (!/\d/.test(text)) return [];
    return [...dates(text), ...ages(text)];
  },
};
