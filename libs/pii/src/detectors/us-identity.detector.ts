// US Social Security numbers and ITINs (IRS ranges). A formatted number (3-2-4 with one separator) stands on
// its own; nine bare digits need a context word.
import { hasContextBefore } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const THREE_TWO_FOUR = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-]|[.,]\d)/g;

const SSN_CONTEXT = /\b(?:ssn|ss#|ss\s+no|social\s+security|soc\.?\s*sec|social\s*(?:is|:|#|no))/i;
const ITIN_CONTEXT = /\b(?:itin|individual\s+tax(?:payer)?\s+id|taxpayer\s+identification|tin)\b/i;

// SSA never issues area 000, 666 or 900-999, group 00 or serial 0000; 078-05-1120 is the wallet-card number
// printed in 1938 and 219-09-9999 an advertisement's, both void.
export function isSsnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900 || group === '00' || serial === '0000') return false;
  const whole = `${area}${group}${serial}`;
  return whole !== '078051120' && whole !== '219099999';
}

// ITINs start with 9 and use groups 50-65, 70-88, 90-92 and 94-99.
export function isItinValid(area: string, group: string): boolean {
  const g = Number(group);
  const groupValid = (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
  return area.startsWith('9') && groupValid;
}

export const usIdentityDetector: PiiDetector = {
  entities: ['ssn', 'us_individual_tax_identification_number'],
  competes: true,
  detect(text) {
    const out: PiiCandidate[] = [];
    if (!/\d{2}/.test(text)) return out;
    for (const m of text.matchAll(THREE_TWO_FOUR)) {
      const [whole, area, separator, group, serial] = m;
      const formatted = separator !== '';
      const span = { start: m.index, end: m.index + whole.length };
      if (isItinValid(area, group)) {
        const context = hasContextBefore(text, m.index, ITIN_CONTEXT);
        if (formatted || context) {
          const score = context ? Score.checksumAndContext : Score.format;
          out.push({ entity: 'us_individual_tax_identification_number', ...span, score });
        }
      } else if (isSsnValid(area, group, serial)) {
        const context = hasContextBefore(text, m.index, SSN_CONTEXT);
        if (formatted || context)
          out.push({ entity: 'ssn', ...span, score: context ? Score.checksumAndContext : Score.format });
      }
    }
    return out;
  },
};
