import { describe, expect, it } from 'vitest';
import { JsonDepthGauge } from './json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
// Feeds the JSON in chunks of `size` bytes, as a socket would.
const gauge = (json: string, maxDepth: number, size = 3) => {
  const depth = new JsonDepthGauge(maxDepth);
  const bytes = Buffer.from(json);
  for (let at = 0; at < bytes.length; at += size) depth.push(bytes.subarray(at, at + size));
};

describe(JsonDepthGauge.name, () => {
  it('accepts nesting up to the bound and refuses one level more with 400 json_too_deep', () => {
    expect(() => gauge(nested(64), 64)).not.toThrow();
    expect(() => gauge(`{"a":${nested(63)}}`, 64)).not.toThrow();
    expect(() => gauge(nested(65), 64)).toThrow(
      expect.objectContaining({ status: 400, code: 'json_too_deep' }),
    );
    expect(() => gauge(`{"a":[{"b":${nested(62)}}]}`, 64)).toThrow(
      expect.objectContaining({ code: 'json_too_deep' }),
    );
  });

  it('does not count brackets inside strings, escaped quotes included, across chunk edges', () => {
    const text = JSON.stringify({ content: `${'['.repeat(500)} "quoted \\" [[[ ${'{'.repeat(500)}` });
    for (const size of [1, 2, 3, 7, 64]) expect(() => gauge(text, 2, size)).not.toThrow();
    expect(() => gauge(`["\\\\", ${nested(3)}]`, 3, 1)).toThrow(
      expect.objectContaining({ code: 'json_too_deep' }),
    );
  });

  it('checks a megabyte of nesting without recursion, and a body of escapes in linear time', () => {
    expect(() => gauge(nested(1_000_000), 64, 65_536)).toThrow(
      expect.objectContaining({ code: 'json_too_deep' }),
    );
    const escapes = JSON.stringify({ a: '\n"'.repeat(1_000_000) });
    const started = performance.now();
    gauge(escapes, 64, 65_536);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
