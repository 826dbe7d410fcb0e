// AWS credentials: access key ids have a fixed prefix and length; secret keys are 40 base64 characters that
// only a context word (or a nearby key id) tells apart from other tokens.
import { hasContextBefore } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// AKIA long-term keys, ASIA temporary (STS) keys.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const SECRET_SHAPE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_CONTEXT = /\b(?:aws|secret|access[_\s-]?key|credentials?)|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/i;

// A random 40-character key mixes cases and digits; a lower-case hex digest (git SHA-1) does not.
function looksRandom(token: string): boolean {
  return /[a-z]/.test(token) && /[A-Z]/.test(token) && /\d/.test(token);
}

export const awsCredentialDetector: PiiDetector = {
  entities: ['aws_access_key', 'aws_secret_key'],
  competes: true,
  detect(text) {
    const out: PiiCandidate[] = [];
    if (text.length < 20) return out;
    for (const m of text.matchAll(ACCESS_KEY_ID)) {
      out.push({ entity: 'aws_access_key', start: m.index, end: m.index + 20, score: Score.checksum });
    }
    for (const m of text.matchAll(SECRET_SHAPE)) {
      if (!looksRandom(m[0]) || !hasContextBefore(text, m.index, SECRET_CONTEXT, 160)) continue;
      out.push({
        entity: 'aws_secret_key',
        start: m.index,
        end: m.index + 40,
        score: Score.formatAndContext,
      });
    }
    return out;
  },
};
