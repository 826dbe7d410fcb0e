import { placeholderFor, type PiiEntity } from '../entities/pii-entity';

// A span to replace: a detected entity, or a match of a policy's regex rule.
export interface RedactionSpan {
  readonly start: number;
  readonly end: number;
  readonly entity: PiiEntity | 'regex';
}

// What a regex rule's match becomes: the rule's meaning is the admin's, so the placeholder says only that
// something was removed.
export const REGEX_PLACEHOLDER = '[REDACTED]';

export function placeholderOf(span: RedactionSpan): string {
  return span.entity === 'regex' ? REGEX_PLACEHOLDER : placeholderFor(span.entity);
}

// Replaces each span by its placeholder. Overlapping spans are merged first (the earlier span's
// placeholder stands for the union), so every byte of every span is replaced and nothing outside them changes.
export function redact(text: string, spans: readonly RedactionSpan[]): string {
  if (spans.length === 0) return text;
  const merged = mergeSpans(spans, text.length);
  let out = '';
  let cursor = 0;
  for (const s of merged) {
    out += text.slice(cursor, s.start) + placeholderOf(s);
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

export function mergeSpans(spans: readonly RedactionSpan[], length: number): RedactionSpan[] {
  const sorted = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedactionSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { ...last, end: s.end };
    } else {
      out.push(s);
    }
  }
  return out;
}
