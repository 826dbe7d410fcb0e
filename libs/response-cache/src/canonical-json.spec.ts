import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}',
    );
  });

  it('serializes equal objects with different key order identically, and leaves undefined out', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], u: undefined })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
    expect(canonicalJson({ y: [2, 1], x: 1 })).not.toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });
});
