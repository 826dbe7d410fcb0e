// UK identifiers: National Insurance numbers (allocated prefixes), NHS numbers (mod 11) and HMRC UTRs (mod 11,
// always with a context word: ten digits alone are usually a phone number).
import { isNhsNumberValid, isUtrValid } from '../checksums/weighted-mod11';
import {
  contextScore,
  digitsOf,
  hasContextBefore,
  hasContextNear,
  valuesAfterContext,
} from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// First letter never D F I Q U V; second never D F I O Q U V; the suffix is A-D.
const NINO_SHAPE = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})(?:\s?([A-D]))?\b/g;
// Prefixes HMRC does not allocate (administrative or offensive-reading pairs).
const NINO_UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NINO_CONTEXT = /\b(?:national\s+insurance|nino|ni\s*(?:number|no)|nin)\b/i;
const NINO_CONTEXT_CAPITALS = /\bNI\b/;

const THREE_THREE_FOUR = /(?<![\d-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d-]|[.,]\d)/g;
const NHS_CONTEXT = /\b(?:nhs|national\s+health\s+service|chi\s+number)\b/i;

const UTR_CONTEXT =
  /\b(?:utr|unique\s+tax(?:payer)?\s+reference|tax\s+reference|self[- ]assessment)\b(?:\s*(?:number|no\.?|#))?[^\d\n]{0,20}?(?<value>\d{5}\s?\d{5}K?)(?![\dA-Za-z])/dgi;

function ninos(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(NINO_SHAPE)) {
    if (NINO_UNALLOCATED.has(m[1])) continue;
    const end = m.index + m[0].length;
    const context =
      hasContextNear(text, m.index, end, NINO_CONTEXT, 48, 16) ||
      hasContextBefore(text, m.index, NINO_CONTEXT_CAPITALS, 24);
    // Without the suffix letter, two letters and six digits are a common code shape: ask for context.
    if (m[5] === undefined && !context) continue;
    out.push({
      entity: 'uk_national_insurance_number',
      start: m.index,
      end,
      score: context ? Score.formatAndContext : Score.format,
    });
  }
  return out;
}

// NHS numbers are printed 3-3-4 with spaces; without "NHS" nearby they score below a valid phone number.
function nhsNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(THREE_THREE_FOUR)) {
    if (!isNhsNumberValid(digitsOf(m[0]))) continue;
    const context = hasContextNear(text, m.index, m.index + m[0].length, NHS_CONTEXT, 64, 24);
    if (!context && m[2] !== ' ') continue;
    out.push({
      entity: 'uk_national_health_service_number',
      start: m.index,
      end: m.index + m[0].length,
      score: context ? Score.checksumAndContext : Score.weak,
    });
  }
  return out;
}

function utrs(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, UTR_CONTEXT)) {
    if (!isUtrValid(digitsOf(v.value))) continue;
    out.push({
      entity: 'uk_unique_taxpayer_reference_number',
      start: v.start,
      end: v.end,
      score: contextScore(Score.checksumAndContext, v.gap),
    });
  }
  return out;
}

export const ukIdentityDetector: PiiDetector = {
  entities: [
    'uk_national_insurance_number',
    'uk_national_health_service_number',
    'uk_unique_taxpayer_reference_number',
  ],
  competes: true,
  detect(text) {
    if (!/\d{2}/.test(text)) return [];
    return [...ninos(text), ...nhsNumbers(text), ...utrs(text)];
  },
};
