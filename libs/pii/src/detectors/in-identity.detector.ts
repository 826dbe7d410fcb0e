// Indian identifiers: Aadhaar (Verhoeff), PAN (format with the holder-type letter), voter EPIC numbers
// (format after a context word) and MGNREGA job cards (state code and the job-card layout).
import { isVerhoeffValid } from '../checksums/verhoeff';
import { digitsOf, hasContextNear } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// Aadhaar never starts with 0 or 1; it is printed 4-4-4.
const AADHAAR_SHAPE = /(?<![\d-])([2-9]\d{3})([ -]?)(\d{4})\2(\d{4})(?![\d-]|[.,]\d)/g;
const AADHAAR_CONTEXT = /\b(?:aadhaa?r|uidai|uid|unique\s+identification)\b/i;

// Fourth letter: the holder type (P person, C company, H HUF, F firm, A AOP, T trust, B BOI, L local
// authority, J artificial juridical person, G government).
const PAN_SHAPE = /\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b/g;
const PAN_CONTEXT = /\b(?:pan|permanent\s+account)\b/i;

const VOTER_CONTEXT = /\b(?:voter|epic|electoral|election\s+(?:card|id)|elector)/i;
const VOTER_SHAPE = /\b[A-Z]{3}\d{7}\b/g;

// State codes used on job cards (two letters), then district-block-panchayat-village/household.
const NREGA_STATES = new Set(
  'AN AP AR AS BH CH CT DD DL DN GA GJ HP HR JH JK KA KL LD LK MH ML MN MP MZ NL OR PB PY RJ SK TN TR TS UP UK UT WB'.split(
    ' ',
  ),
);
const NREGA_SHAPE = /\b([A-Z]{2})-\d{2}-\d{3}-\d{3}-\d{3}\/\d{1,6}(?![\d/])/g;
const NREGA_CONTEXT = /\b(?:nrega|mgnrega|narega|job\s*card)\b/i;

function aadhaarNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(AADHAAR_SHAPE)) {
    if (!isVerhoeffValid(digitsOf(m[0]))) continue;
    const end = m.index + m[0].length;
    const context = hasContextNear(text, m.index, end, AADHAAR_CONTEXT, 48, 24);
    if (!context && m[2] === '') continue;
    out.push({
      entity: 'in_aadhaar',
      start: m.index,
      end,
      score: context ? Score.checksumAndContext : Score.checksum,
    });
  }
  return out;
}

function formatMatches(
  text: string,
  shape: RegExp,
  entity: PiiCandidate['entity'],
  context: RegExp,
  contextRequired: boolean,
): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(shape)) {
    const end = m.index + m[0].length;
    const hasContext = hasContextNear(text, m.index, end, context, 48, 24);
    if (contextRequired && !hasContext) continue;
    out.push({ entity, start: m.index, end, score: hasContext ? Score.formatAndContext : Score.format });
  }
  return out;
}

function nregaJobCards(text: string): PiiCandidate[] {
  return formatMatches(text, NREGA_SHAPE, 'in_nrega', NREGA_CONTEXT, false).filter((c) =>
    NREGA_STATES.has(text.slice(c.start, c.start + 2)),
  );
}

export const inIdentityDetector: PiiDetector = {
  entities: ['in_aadhaar', 'in_permanent_account_number', 'in_voter_number', 'in_nrega'],
  competes: true,
  detect(text) {
    if (!/\d{3}/.test(text)) return [];
    return [
      ...aadhaarNumbers(text),
      ...formatMatches(text, PAN_SHAPE, 'in_permanent_account_number', PAN_CONTEXT, false),
      ...formatMatches(text, VOTER_SHAPE, 'in_voter_number', VOTER_CONTEXT, true),
      ...nregaJobCards(text),
    ];
  },
};
