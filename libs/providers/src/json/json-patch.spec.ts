import { describe, expect, it } from 'vitest';
import { removeTopLevelField, setTopLevelField } from './json-patch';

const patch = (body: string, key: string, value: unknown) =>
  setTopLevelField(Buffer.from(body), key, JSON.stringify(value)).toString('utf8');

describe(setTopLevelField.name, () => {
  it('inserts a missing field and keeps every other byte', () => {
    const body = '{ "model" : "gpt-4o",\n  "x_unknown": {"a":[1,2,{"b":"}"}]}, "stream":true }';
    const patched = patch(body, 'stream_options', { include_usage: true });
    expect(patched).toBe(
      '{"stream_options":{"include_usage":true}, "model" : "gpt-4o",\n  "x_unknown": {"a":[1,2,{"b":"}"}]}, "stream":true }',
    );
    expect(JSON.parse(patched)).toMatchObject({ stream: true, x_unknown: { a: [1, 2, { b: '}' }] } });
  });

  it('replaces an existing value, whatever its type, in place', () => {
    expect(
      patch('{"a":1,"stream_options":{"include_usage":false},"z":"k"}', 'stream_options', {
        include_usage: true,
      }),
    ).toBe('{"a":1,"stream_options":{"include_usage":true},"z":"k"}');
    expect(patch('{"stream_options":null}', 'stream_options', { include_usage: true })).toBe(
      '{"stream_options":{"include_usage":true}}',
    );
    expect(patch('{"s":"a \\"quoted\\" } value","t":2}', 't', 3)).toBe(
      '{"s":"a \\"quoted\\" } value","t":3}',
    );
  });

  it('handles an empty object and unicode', () => {
    expect(patch('{}', 'k', true)).toBe('{"k":true}');
    expect(JSON.parse(patch('{"msg":"héllo ✓"}', 'k', 1))).toEqual({ k: 1, msg: 'héllo ✓' });
  });

  it('refuses what is not a JSON object', () => {
    expect(() => patch('[1,2]', 'k', 1)).toThrow(SyntaxError);
    expect(() => patch('{"a":"unterminated', 'k', 1)).toThrow(SyntaxError);
  });
});

describe(removeTopLevelField.name, () => {
  it.each([
    ['{"model":"m","max_tokens":5}', '{"max_tokens":5}'],
    ['{"max_tokens":5, "model" : "m" }', '{"max_tokens":5}'],
    ['{"a":1,"model":{"x":[1,"}"]},"b":2}', '{"a":1,"b":2}'],
    ['{"model":"m"}', '{}'],
    ['{"a":{"model":"inner"}}', '{"a":{"model":"inner"}}'],
  ])('removes the top-level key from %s', (body, expected) => {
    const out = removeTopLevelField(Buffer.from(body), 'model').toString();
    expect(out).toBe(expected);
    expect(JSON.parse(out)).toEqual(JSON.parse(expected));
  });
});
