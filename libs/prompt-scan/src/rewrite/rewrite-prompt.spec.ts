import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPromptTexts, type PromptText } from '../formats/extract-prompt-texts';
import { PROMPT_BODY_CASES, SERIALISATIONS } from '../formats/prompt-bodies.test-support';
import { PromptTextException } from '../prompt-text.exception';
import type { TextRedaction } from '../contract/scan-contract';
import { rewritePrompt } from './rewrite-prompt';

// --- Reference implementations, written independently of the code under test. ---

// A JSON document in which each string character is written raw or escaped, as the generator decides.
function serialiseWithEscapes(value: unknown, escapeAt: (i: number) => boolean): string {
  let counter = 0;
  const escapeUnits = (char: string) =>
    [...Array(char.length).keys()]
      .map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`)
      .join('');
  // Decided per character: a surrogate pair is either raw (one 4-byte UTF-8 character) or two escapes.
  const encodeChar = (char: string) => {
    if (escapeAt(counter++)) return escapeUnits(char);
    return char === '"' || char === '\\' || char < ' ' ? JSON.stringify(char).slice(1, -1) : char;
  };
  const str = (s: string) => `"${[...s].map(encodeChar).join('')}"`;
  const walk = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(', ')}]`;
    if (v && typeof v === 'object') {
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${str(k)} : ${walk(x)}`)
        .join(' ,\n ')} }`;
    }
    return JSON.stringify(v);
  };
  return walk(value);
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

// Spans moved off the middle of surrogate pairs, overlaps merged with the first placeholder.
function normalise(text: string, spans: readonly TextRedaction[]): TextRedaction[] {
  const inPair = (at: number) => at > 0 && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
  // Ordered by where each span starts before widening: of merged spans, the first one's placeholder stays.
  const widened = [...spans]
    .sort((a, b) => a.start - b.start)
    .map((s) => ({
      ...s,
      start: inPair(s.start) ? s.start - 1 : s.start,
      end: inPair(s.end) ? s.end + 1 : s.end,
    }));
  const out: TextRedaction[] = [];
  for (const s of widened) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) out[out.length - 1] = { ...last, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}

function redactDecoded(text: string, spans: readonly TextRedaction[]): string {
  let out = '';
  let cursor = 0;
  for (const s of normalise(text, spans)) {
    out += text.slice(cursor, s.start) + s.placeholder;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

// The raw bytes of a string's content split into its escapes and characters, each with the UTF-16 units it
// decodes to: a regular-expression tokenizer, unlike the byte walk of the code under test.
function rawTokens(rawContent: string): { raw: string; units: number }[] {
  return [...rawContent.matchAll(/\\u[0-9a-fA-F]{4}|\\.|[\s\S]/gu)].map(([token]) => ({
    raw: token,
    units: token.startsWith('\\') ? 1 : token.length,
  }));
}

// The expected body: the raw content of each redacted string rebuilt token by token, every token inside a
// (normalised) span replaced by that span's placeholder once, every other byte copied.
function expectedBytes(
  raw: Buffer,
  texts: readonly PromptText[],
  redactions: readonly TextRedaction[][],
): Buffer {
  let out = '';
  let cursor = 0;
  texts.forEach((t, i) => {
    out += raw.toString('utf8', cursor, t.start);
    let unit = 0;
    const spans = normalise(t.text, redactions[i]);
    for (const token of rawTokens(raw.toString('utf8', t.start, t.end))) {
      const span = spans.find((s) => unit >= s.start && unit < s.end);
      if (!span) out += token.raw;
      else if (unit === span.start) out += JSON.stringify(span.placeholder).slice(1, -1);
      unit += token.units;
    }
    cursor = t.end;
  });
  return Buffer.from(out + raw.toString('utf8', cursor));
}

function setAtPointer(root: unknown, pointer: string, value: string): void {
  const tokens = pointer.split('/').slice(1);
  let at = root as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) at = at[token] as Record<string, unknown>;
  at[tokens[tokens.length - 1]] = value;
}

// --- Generators. ---

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('a', 'é', '😀', '"', '\\', '\n', '\u0001', '/', ' ', '€', '\ud83d'),
    maxLength: 30,
  }),
);
const bodyArb = fc.record({
  model: fc.constant('gpt-4o-mini'),
  messages: fc.array(
    fc.oneof(
      fc.record({ role: fc.constant('user'), content: textArb }),
      fc.record({
        role: fc.constant('user'),
        content: fc.array(
          fc.oneof(
            fc.record({ type: fc.constant('text'), text: textArb }),
            fc.record({ type: fc.constant('image_url'), image_url: fc.record({ url: textArb }) }),
          ),
          { maxLength: 3 },
        ),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  temperature: fc.double({ noNaN: true, noDefaultInfinity: true }),
  metadata: fc.dictionary(fc.string({ maxLength: 5 }), textArb, { maxKeys: 2 }),
});
const placeholderArb = fc.constantFrom('[EMAIL]', '[REDACTED]', '[PHONE]', '[A"B\\C]');
const spanSeedsArb = fc.array(fc.array(fc.tuple(fc.nat(), fc.nat(), placeholderArb), { maxLength: 4 }), {
  maxLength: 12,
});

function spansFor(texts: readonly PromptText[], seeds: [number, number, string][][]): TextRedaction[][] {
  return texts.map((t, i) =>
    (seeds[i] ?? []).flatMap(([a, b, placeholder]) => {
      const start = a % t.text.length;
      const end = start + 1 + (b % (t.text.length - start));
      return [{ start, end, placeholder }];
    }),
  );
}

describe(rewritePrompt.name, () => {
  it('changes only the bytes of the spans, and the body parses as the original with the spans replaced', () => {
    fc.assert(
      fc.property(
        bodyArb,
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        spanSeedsArb,
        (body, seed, every, seeds) => {
          const raw = Buffer.from(serialiseWithEscapes(body, (i) => (i + seed) % every === 0));
          const texts = extractPromptTexts(raw, 'chat_completions');
          const redactions = spansFor(texts, seeds);

          const out = rewritePrompt(raw, texts, redactions);

          expect(out.equals(expectedBytes(raw, texts, redactions))).toBe(true);
          const expected = JSON.parse(raw.toString('utf8')) as unknown;
          texts.forEach((t, i) => setAtPointer(expected, t.pointer, redactDecoded(t.text, redactions[i])));
          expect(JSON.parse(out.toString('utf8'))).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  describe.each(SERIALISATIONS)('%s bodies of every format', (_serialisation, serialise) => {
    it.each(PROMPT_BODY_CASES.map((c) => [c.name, c] as const))('%s', (_name, { format, body }) => {
      const raw = Buffer.from(serialise(body));
      const texts = extractPromptTexts(raw, format);
      const redactions = texts.map((t) => [{ start: 0, end: t.text.length, placeholder: '[REDACTED]' }]);

      const out = rewritePrompt(raw, texts, redactions);

      const expected = JSON.parse(raw.toString('utf8')) as unknown;
      for (const t of texts) setAtPointer(expected, t.pointer, '[REDACTED]');
      expect(JSON.parse(out.toString('utf8'))).toEqual(expected);
      expect(out.equals(expectedBytes(raw, texts, redactions))).toBe(true);
    });
  });

  it('replaces a value inside escapes and leaves the surrounding bytes as the client wrote them', () => {
    const raw = Buffer.from('{"input" : [ "Mail: \\"jane@example.com\\"\\nZo\\u00eb" ,1e3 ]}');
    const texts = extractPromptTexts(raw, 'embeddings');
    expect(texts[0].text).toBe('Mail: "jane@example.com"\nZoë');
    const out = rewritePrompt(raw, texts, [[{ start: 7, end: 23, placeholder: '[EMAIL]' }]]);
    expect(out.toString()).toBe('{"input" : [ "Mail: \\"[EMAIL]\\"\\nZo\\u00eb" ,1e3 ]}');
  });

  it('returns the body unchanged when nothing is redacted', () => {
    const raw = Buffer.from('{ "input":"a@b.co" }');
    const texts = extractPromptTexts(raw, 'embeddings');
    expect(rewritePrompt(raw, texts, [[]]).equals(raw)).toBe(true);
  });

  it.each([
    ['a span past the end of its text', [[{ start: 2, end: 99, placeholder: '[X]' }]]],
    ['an empty span', [[{ start: 2, end: 2, placeholder: '[X]' }]]],
    ['a negative start', [[{ start: -1, end: 2, placeholder: '[X]' }]]],
    ['a fractional offset', [[{ start: 0.5, end: 2, placeholder: '[X]' }]]],
    ['a missing list', []],
  ])('refuses %s', (_name, redactions) => {
    const raw = Buffer.from('{"input":"jane@example.com"}');
    const texts = extractPromptTexts(raw, 'embeddings');
    expect(() => rewritePrompt(raw, texts, redactions)).toThrow(PromptTextException);
  });

  it('refuses texts taken from another body', () => {
    const texts = extractPromptTexts(Buffer.from('{"input":"jane@example.com"}'), 'embeddings');
    const other = Buffer.from('{"input":"j\\u0061ne@example.com"}');
    expect(() => rewritePrompt(other, texts, [[{ start: 0, end: 4, placeholder: '[X]' }]])).toThrow(
      expect.objectContaining({ code: 'invalid-redaction' }),
    );
  });
});
