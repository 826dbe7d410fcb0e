import type { PiiCandidate, PiiSpan } from './pii-span';

// Keeps a set of non-overlapping spans: the most confident proposal first, the longer one on a tie, so a card
// number beats the phone number inside it and an email beats the domain inside it.
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiSpan[] {
  const ordered = mergeSameEntity(candidates).sort(
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

// Two overlapping proposals of one type describe one value (an address found from its street and from its
// postcode line): their union stands, with the better score.
function mergeSameEntity(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.entity.localeCompare(b.entity) || a.start - b.start);
  const out: PiiCandidate[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.entity === c.entity && c.start < last.end) {
      out[out.length - 1] = { ...last, end: Math.max(last.end, c.end), score: Math.max(last.score, c.score) };
    } else {
      out.push(c);
    }
  }
  return out;
}
