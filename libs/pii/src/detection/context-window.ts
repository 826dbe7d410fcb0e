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
