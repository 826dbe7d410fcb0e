import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from '../detection/detect';
import { mergeSpans, placeholderOf, redact, type RedactionSpan } from './redact';

// Rebuilds the expected output from the text outside the (merged) spans: redaction may change nothing else.
function expectOnlySpansChanged(text: string, spans: readonly RedactionSpan[], out: string): void {
  let cursor = 0;
  let position = 0;
  for (const s of mergeSpans(spans, text.length)) {
    const kept = text.slice(cursor, s.start);
    expect(out.slice(position, position + kept.length)).toBe(kept);
    position += kept.length;
    const placeholder = placeholderOf(s);
    expect(out.slice(position, position + placeholder.length)).toBe(placeholder);
    position += placeholder.length;
    cursor = s.end;
  }
  expect(out.slice(position)).toBe(text.slice(cursor));
}

const PII_FRAGMENTS = [
  'jane.doe@example.com',
  '(415) 555-0132',
  '4111 1111 1111 1111',
  'SSN 123-45-6789',
  'Sarah Johnson',
  '221B Baker Street, London NW1 6XE',
  'IBAN DE89 3704 0044 0532 0130 00',
  'https://example.com/x',
  '192.168.0.1',
  'version 1.2.3',
  '$1,234.56',
  '😀',
  'é',
];

describe('redact', () => {
  it('replaces each span by its typed placeholder', () => {
    expect(redact('mail a@b.co now', [{ entity: 'email', start: 5, end: 11 }])).toBe('mail [EMAIL] now');
    expect(redact('code X-1', [{ entity: 'regex', start: 5, end: 8 }])).toBe('code [REDACTED]');
  });

  it('merges overlapping spans into one placeholder', () => {
    const spans: RedactionSpan[] = [
      { entity: 'regex', start: 0, end: 4 },
      { entity: 'email', start: 2, end: 8 },
    ];
    expect(redact('abcdefghij', spans)).toBe('[REDACTED]ij');
  });

  it('changes only the bytes inside the spans, whatever the spans', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(90), fc.nat(30), fc.constantFrom('email', 'phone', 'regex' as const)), {
          maxLength: 6,
        }),
        (text, raw) => {
          const spans = raw.map(([start, length, entity]) => ({ entity, start, end: start + length }));
          expectOnlySpansChanged(text, spans, redact(text, spans));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes only the bytes inside the spans detect() reports', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...PII_FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 8 }),
        (parts) => {
          const text = parts.join(' ');
          const spans = detect(text, ['all']);
          expectOnlySpansChanged(text, spans, redact(text, spans));
        },
      ),
      { numRuns: 150 },
    );
  });
});
