import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PromptTextException } from '../prompt-text.exception';
import type { JsonNode, JsonStringNode } from './json-node';
import { MAX_JSON_DEPTH, parseLocatedJson } from './located-json.parser';

function stringsOf(node: JsonNode): JsonStringNode[] {
  if (node.kind === 'string') return [node];
  if (node.kind === 'array') return node.items.flatMap(stringsOf);
  if (node.kind === 'object') return node.members.flatMap((m) => stringsOf(m.value));
  return [];
}

function plainStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(plainStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(plainStrings);
  return [];
}

const accepts = (text: string) => {
  try {
    parseLocatedJson(Buffer.from(text));
    return true;
  } catch (error) {
    if (!(error instanceof PromptTextException)) throw error;
    return false;
  }
};

const jsonParseAccepts = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe(parseLocatedJson.name, () => {
  it('locates every string value and decodes it as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const raw = Buffer.from(JSON.stringify(value, null, pretty ? 2 : undefined));
        const strings = stringsOf(parseLocatedJson(raw));
        expect(strings.map((s) => s.value).sort()).toEqual(plainStrings(value).sort());
        for (const s of strings)
          expect(JSON.parse(`"${raw.toString('utf8', s.start, s.end)}"`)).toBe(s.value);
      }),
    );
  });

  it('decodes every escape: \\n \\" \\\\ \\/ \\u00e9 and a surrogate pair \\ud83d\\ude00', () => {
    const raw = Buffer.from('{"k\\u00e9y":"a\\nb\\"c\\\\d\\/e\\u00e9f\\ud83d\\ude00g\\tZoë😀"}');
    const root = parseLocatedJson(raw);
    expect(root.kind === 'object' && root.members[0].key).toBe('kéy');
    expect(stringsOf(root)[0].value).toBe('a\nb"c\\d/eéf😀g\tZoë😀');
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const alphabet = fc.constantFrom(...'{}[],:" \n\t\\/0123456789.-+eEtrufalsn\u00e9\u0001u'.split(''));
    // Valid documents with one character inserted or removed: near misses, valid about a third of the time.
    const nearMiss = fc
      .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), alphabet, fc.boolean())
      .map(([value, at, char, insert]) => {
        const json = JSON.stringify(value);
        const i = at % (json.length + 1);
        return insert ? json.slice(0, i) + char + json.slice(i) : json.slice(0, i) + json.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet, maxLength: 24 }), nearMiss), (text) => {
        expect(accepts(text)).toBe(jsonParseAccepts(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['a trailing comma in an object', '{"a":1,}'],
    ['a trailing comma in an array', '[1,]'],
    ['a control character in a string', '"a\u0001b"'],
    ['an invalid escape', '"\\x41"'],
    ['a short \\u escape', '"\\u00e"'],
    ['a leading zero', '01'],
    ['a lone minus', '-'],
    ['a fraction without digits', '1.'],
    ['single quotes', "{'a':1}"],
    ['data after the value', '{} {}'],
    ['a byte-order mark', '\ufeff{}'],
    ['an unterminated string', '{"a":"b'],
    ['nothing', ''],
  ])('refuses %s', (_name, text) => {
    expect(() => parseLocatedJson(Buffer.from(text))).toThrow(PromptTextException);
    expect(jsonParseAccepts(text)).toBe(false);
  });

  it('refuses invalid UTF-8', () => {
    const raw = Buffer.concat([Buffer.from('{"input":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(() => parseLocatedJson(raw)).toThrow(expect.objectContaining({ code: 'invalid-utf8' }));
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels instead of exhausting the stack`, () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(() => parseLocatedJson(Buffer.from(deep(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => parseLocatedJson(Buffer.from(deep(100_000)))).toThrow(
      expect.objectContaining({ code: 'too-deep' }),
    );
  });

  it('says where a body is wrong, never what it holds', () => {
    expect(() => parseLocatedJson(Buffer.from('{"password":"hunter2" x}'))).toThrow(
      "expected ',' or '}' at byte 22",
    );
  });
});
