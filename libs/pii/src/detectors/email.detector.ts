// Email addresses, including the "name [at] domain [dot] com" spelling people use to dodge scrapers.
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// The top-level domain is letters only, so npm specs ("lodash@4.17.21") and decorators never match.
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;
const OBFUSCATED_EMAIL =
  /(?<![\w.])[A-Za-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\{at\})\s*[A-Za-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*[A-Za-z0-9-]+)+/gi;

export const emailDetector: PiiDetector = {
  entities: ['email'],
  competes: true,
  detect(text) {
    const out: PiiCandidate[] = [];
    if (text.includes('@')) {
      for (const m of text.matchAll(EMAIL)) {
        out.push({ entity: 'email', start: m.index, end: m.index + m[0].length, score: Score.checksum });
      }
    }
    if (/[[({]at[\])}]/i.test(text)) {
      for (const m of text.matchAll(OBFUSCATED_EMAIL)) {
        out.push({ entity: 'email', start: m.index, end: m.index + m[0].length, score: Score.format });
      }
    }
    return out;
  },
};
