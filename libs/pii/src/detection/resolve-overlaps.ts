import type { PiiCandidate, PiiSpan } from './pii-span';

// Keeps a set of non-overlapping spans: the most confident proposal first, the longer one on a tie, so a card
// number beats the phone number inside it and an email beats the domain inside it. An address that runs into
// a more confident span (the name before it) keeps its longest free part instead of being dropped.
export function resolveOverlaps(candidates: readonly PiiCandidate[], text = ''): PiiSpan[] {
  const ordered = mergeSameEntity(candidates).sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiSpan[] = [];
  for (const c of ordered) {
    if (c.end <= c.start) continue;
    const overlapping = kept.filter((k) => c.start < k.end && k.start < c.end);
    if (overlapping.length === 0) kept.push({ entity: c.entity, start: c.start, end: c.end });
    else if (c.entity === 'address' && text) {
      const part = longestFreePart(c, overlapping, text);
      if (part) kept.push(part);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

const MIN_ADDRESS_PART = 8;

function longestFreePart(c: PiiSpan, taken: readonly PiiSpan[], text: string): PiiSpan | undefined {
  let best: PiiSpan | undefined;
  let from = c.start;
  for (const k of [...taken].sort((a, b) => a.start - b.start)) {
    best = longer(best, trimmedPart(c, from, Math.min(k.start, c.end), text));
    from = Math.max(from, k.end);
  }
  best = longer(best, trimmedPart(c, from, c.end, text));
  return best && best.end - best.start >= MIN_ADDRESS_PART ? best : undefined;
}

function trimmedPart(c: PiiSpan, start: number, end: number, text: string): PiiSpan | undefined {
  while (start < end && /[\s,;:-]/.test(text[start])) start++;
  while (end > start && /[\s,;:-]/.test(text[end - 1])) end--;
  return end > start ? { entity: c.entity, start, end } : undefined;
}

function longer(a: PiiSpan | undefined, b: PiiSpan | undefined): PiiSpan | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.end - b.start > a.end - a.start ? b : a;
}

// Plain code-unit order: localeCompare costs more than all the cheap detectors together.
function compareEntities(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Two overlapping proposals of one type describe one value (an address found from its street and from its
// postcode line): their union stands, with the better score.
function mergeSameEntity(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  const sorted = [...candidates].sort((a, b) => compareEntities(a.entity, b.entity) || a.start - b.start);
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
