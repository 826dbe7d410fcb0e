import type { PiiCandidate, PiiSpan } from './pii-span';

// Keeps a set of non-overlapping spans: the most confident proposal first, the longer one on a tie, so a card
// number beats the phone number inside it and an email beats the domain inside it.
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiSpan[] {
  const ordered = [...candidates].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiSpan[] = [];
  for (const c of ordered) {
    if (c.end <= c.start) continue;
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push({ entity: c.entity, start: c.start, end: c.end });
  }
  return kept.sort((a, b) => a.start - b.start);
}
