import { describe, expect, it } from 'vitest';
import { rawRangeOf, unitSources, widenToCodePoints } from './raw-string';

// The raw content of a JSON string and its decoded text.
function sourcesOf(rawContent: string) {
  const raw = Buffer.from(rawContent);
  const text = JSON.parse(`"${rawContent}"`) as string;
  return { raw, text, sources: unitSources(raw, 0, raw.length, text.length) };
}

const rawSlice = (rawContent: string, start: number, end: number) => {
  const { raw, text, sources } = sourcesOf(rawContent);
  const range = rawRangeOf(text, sources, start, end);
  return raw.toString('utf8', range.start, range.end);
};

describe(unitSources.name, () => {
  it('maps each decoded unit to its escape or UTF-8 character', () => {
    const { sources, text } = sourcesOf('a\\nb\\u00e9é😀');
    expect(text).toBe('a\nbéé😀');
    expect([...sources.starts]).toEqual([0, 1, 3, 4, 10, 12, 12]);
    expect([...sources.ends]).toEqual([1, 3, 4, 10, 12, 16, 16]);
    expect(sources.units).toBe(text.length);
  });
});

describe(rawRangeOf.name, () => {
  it.each([
    ['plain ASCII', 'mail a@b.co now', 5, 11, 'a@b.co'],
    ['after an escaped newline and quote', 'x\\n\\"a@b.co\\"', 3, 9, 'a@b.co'],
    ['a \\u escape inside the span', 'Zo\\u00eb Smith', 0, 9, 'Zo\\u00eb Smith'],
    ['a span ending on a \\u escape', 'Zo\\u00eb Smith', 0, 3, 'Zo\\u00eb'],
    ['raw UTF-8 characters', 'Zoë Smith', 0, 3, 'Zoë'],
    ['an escaped surrogate pair, whole', 'hi \\ud83d\\ude00!', 3, 5, '\\ud83d\\ude00'],
    [
      'a span starting inside an escaped pair widens to the pair',
      'hi \\ud83d\\ude00!',
      4,
      6,
      '\\ud83d\\ude00!',
    ],
    ['a span ending inside a raw 4-byte character widens to it', 'hi 😀!', 0, 4, 'hi 😀'],
    ['a span starting inside a raw 4-byte character widens to it', 'hi 😀!', 4, 6, '😀!'],
  ])('%s', (_name, rawContent, start, end, expected) => {
    expect(rawSlice(rawContent, start, end)).toBe(expected);
  });
});

describe(widenToCodePoints.name, () => {
  it('moves a boundary that splits a surrogate pair outwards, and leaves others', () => {
    expect(widenToCodePoints('a😀b', 2, 4)).toEqual({ start: 1, end: 4 });
    expect(widenToCodePoints('a😀b', 0, 2)).toEqual({ start: 0, end: 3 });
    expect(widenToCodePoints('a😀b', 1, 3)).toEqual({ start: 1, end: 3 });
    // A lone surrogate is not a pair: nothing to widen.
    expect(widenToCodePoints('a\ud83db', 1, 2)).toEqual({ start: 1, end: 2 });
  });
});
