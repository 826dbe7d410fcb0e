// Canadian Social Insurance Numbers (Luhn; first digit never 0 or 8) and provincial health card numbers
// (format after a context word: the provinces use different shapes and most publish no checksum).
import { isLuhnValid } from '../checksums/luhn';
import { contextScore, digitsOf, hasContextBefore, valuesAfterContext } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const THREE_THREE_THREE = /(?<![\d-])(\d{3})([- ]?)(\d{3})\2(\d{3})(?![\d-]|[.,]\d)/g;
const SIN_CONTEXT = /\b(?:SIN|NAS)\b|\bsocial\s+insurance|\bassurance\s+sociale/;
const SIN_CONTEXT_CI = /\bsocial\s+insurance|\bassurance\s+sociale|\bsin\s*(?:number|no|#)/i;

// Ontario 10 digits (+ version code), BC PHN 10 digits, Quebec RAMQ 4 letters + 8 digits, Alberta 5-4, others 9.
const HEALTH_CARD =
  /\b(?:health\s*(?:card|care\s+card|insurance|number|no)|ohip|msp|ramq|ahcip|phn|hcn|personal\s+health\s+number|carte\s+(?:soleil|d'assurance\s+maladie))\b(?:\s*(?:number|no\.?|#))?[^\d\n]{0,20}?(?<value>[A-Z]{4}[ -]?\d{4}[ -]?\d{4}|\d{4}[ -]?\d{3}[ -]?\d{3}(?:[ -]?[A-Z]{2})?|\d{5}[ -]?\d{4}|\d{3}[ -]?\d{3}[ -]?\d{3})(?![\dA-Za-z])/dgi;

function socialInsuranceNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(THREE_THREE_THREE)) {
    const digits = digitsOf(m[0]);
    if (digits[0] === '0' || digits[0] === '8' || !isLuhnValid(digits)) continue;
    const context =
      hasContextBefore(text, m.index, SIN_CONTEXT) || hasContextBefore(text, m.index, SIN_CONTEXT_CI);
    if (!context && m[2] === '') continue;
    out.push({
      entity: 'ca_social_insurance_number',
      start: m.index,
      end: m.index + m[0].length,
      score: context ? Score.checksumAndContext : Score.checksum,
    });
  }
  return out;
}

function healthNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, HEALTH_CARD)) {
    out.push({
      entity: 'ca_health_number',
      start: v.start,
      end: v.end,
      score: contextScore(Score.formatAndContext, v.gap),
    });
  }
  return out;
}

export const caIdentityDetector: PiiDetector = {
  entities: ['ca_social_insurance_number', 'ca_health_number'],
  competes: true,
  detect(text) {
    if (!/\d{3}/.test(text)) return [];
    return [...socialInsuranceNumbers(text), ...healthNumbers(text)];
  },
};
