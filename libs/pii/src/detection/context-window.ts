// Helpers for values that are PII only next to a context phrase ("routing number 021000021").

// Context regexes passed here are tested on a slice, so they must not carry the g or y flag (no lastIndex state).
export function hasContextBefore(text: string, start: number, context: RegExp, window = 48): boolean {
  return context.test(text.slice(Math.max(0, start - window), start));
}

export function hasContextNear(
  text: string,
  start: number,
  end: number,
  context: RegExp,
  before = 48,
  after = 32,
): boolean {
  return hasContextBefore(text, start, context, before) || context.test(text.slice(end, end + after));
}

export interface ContextValue {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  // Characters between the start of the context phrase and the value: the nearer phrase wins a tie.
  readonly gap: number;
}

// Yields the named group `value` of each match of a pattern built as CONTEXT FILLER (?<value>...); the
// pattern needs the g and d flags (d gives the group's offsets).
export function* valuesAfterContext(text: string, pattern: RegExp): Generator<ContextValue> {
  for (const m of text.matchAll(pattern)) {
    const span = m.indices?.groups?.['value'];
    const value = m.groups?.['value'];
    if (!span || value === undefined) continue;
    yield { start: span[0], end: span[1], value, gap: span[0] - m.index };
  }
}

// A nearer context phrase scores a little higher, so two context rules claiming one value settle by distance.
export function contextScore(base: number, gap: number): number {
  return base - Math.min(gap, 60) / 1000;
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

// What may sit between a label and its value: "number", "no.", "#" (also as a key: "passport_number": "…"), a
// parenthesis ("(US)"), a short
// prepositional phrase ("on file", "for the door", "on my card"), ", it was", then "is", "to", ":", "=", "#".
export const LABEL_FILLER = String.raw`(?:[\s_-]*\(?(?:number|num|nr\.?|no\.?|#|id|code)(?:'s)?)?["']?(?:\s*\([^)\n]{1,12}\))?(?:\s+(?:on|for|in|at|of)(?:\s+(?:the|my|your|our|his|her|their|this))?\s+[a-z]+)?(?:,?\s*(?:it|which)\s+(?:is|was))?(?:\s*(?:is|was|to|:|=|-|#|reads))*\s*["'\`(]?`;
const FILLER_AT = new RegExp(LABEL_FILLER, 'iy');

// For values whose case matters when the label's does not: finds each label (a g regex, usually with i), skips
// the filler, then reads the value with a sticky, case-sensitive regex.
export function* labelledValues(text: string, label: RegExp, value: RegExp): Generator<ContextValue> {
  for (const m of text.matchAll(label)) {
    FILLER_AT.lastIndex = m.index + m[0].length;
    const filler = FILLER_AT.exec(text);
    const at = m.index + m[0].length + (filler?.[0].length ?? 0);
    value.lastIndex = at;
    const v = value.exec(text);
    if (v) yield { start: at, end: at + v[0].length, value: v[0], gap: at - m.index };
  }
}
