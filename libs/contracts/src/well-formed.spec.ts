import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedText, REPLACEMENT_CHARACTER, toWellFormedDeep, toWellFormedText } from './well-formed';

const R = REPLACEMENT_CHARACTER;

describe(toWellFormedText.name, () => {
  it.each([
    ['a lone high surrogate', 'a\ud800b', `a${R}b`],
    ['a lone high surrogate at the end', 'ab\ud800', `ab${R}`],
    ['a lone low surrogate', '\udc00x', `${R}x`],
    ['two high surrogates in a row', '\ud800\ud800\udc00', `${R}\ud800\udc00`],
    ['a NUL', 'a\u0000b', `a${R}b`],
    ['a pair the wrong way round', '\udc00\ud800', `${R}${R}`],
  ])('replaces %s with U+FFFD', (_what, input, expected) => {
    expect(toWellFormedText(input)).toBe(expected);
  });

  it('keeps well-formed text as it is, astral characters included', () => {
    for (const text of ['', 'plain', 'emoji 😀 ok', 'é\u00a0ü', '\ud83d\ude00']) {
      expect(toWellFormedText(text)).toBe(text);
    }
  });

  it('always yields text that encodes to UTF-8 and back unchanged, without NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const fixed = toWellFormedText(text);
        expect(Buffer.from(fixed, 'utf8').toString('utf8')).toBe(fixed);
        expect(fixed).not.toContain('\u0000');
        expect(fixed).toHaveLength(text.length);
        expect(isWellFormedText(fixed)).toBe(true);
      }),
    );
  });

  it('changes nothing in text that was well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\u0000'));
        expect(toWellFormedText(text)).toBe(text);
      }),
    );
  });
});

describe(toWellFormedDeep.name, () => {
  it('fixes strings at any depth, object keys included', () => {
    expect(toWellFormedDeep({ a: ['x\ud800', { 'k\u0000': 'v' }], n: 1, z: null, b: true })).toEqual({
      a: [`x${R}`, { [`k${R}`]: 'v' }],
      n: 1,
      z: null,
      b: true,
    });
  });

  it('returns the very same object when nothing needs a change', () => {
    const value = { a: ['x', { k: 'v' }], n: 1 };
    expect(toWellFormedDeep(value)).toBe(value);
  });
});
