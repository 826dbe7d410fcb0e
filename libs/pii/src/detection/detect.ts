import { expandEntities, type PiiEntity } from '../entities/pii-entity';
import { PII_DETECTORS } from '../detectors/pii-detectors';
import type { PiiCandidate, PiiSpan } from './pii-span';
import { resolveOverlaps } from './resolve-overlaps';

// Finds the values of the wanted types in one text. Detectors whose values look like other families' values
// (numbers, codes) always run, so that a value is typed by the most specific family even when only a less
// specific type was asked (an NHS number next to "NHS" is not a phone number); the lexical detectors (names,
// addresses) run only when asked.
export function detect(text: string, entities: Iterable<string>): PiiSpan[] {
  const wanted = expandEntities(entities);
  if (wanted.size === 0 || text.length === 0) return [];
  const candidates: PiiCandidate[] = [];
  for (const detector of PII_DETECTORS) {
    if (!detector.competes && !detector.entities.some((e) => wanted.has(e))) continue;
    for (const c of detector.detect(text)) candidates.push(c);
  }
  return resolveOverlaps(candidates, text).filter((s) => wanted.has(s.entity));
}

export function entitiesIn(spans: readonly PiiSpan[]): PiiEntity[] {
  return [...new Set(spans.map((s) => s.entity))].sort();
}
