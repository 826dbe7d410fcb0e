import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration';

describe(parseGoDuration.name, () => {
  it.each([
    ['30s', 30_000],
    ['24h', 86_400_000],
    ['1.5h', 5_400_000],
    ['2h45m', 9_900_000],
    ['300ms', 300],
    ['1m30s', 90_000],
    ['0', 0],
    ['-1s', -1_000],
    ['1500us', 1.5],
  ])('parses %s', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '10', 's', '1d', '1 s', 'abc', '1s2', '1.2.3s'])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toBeNull();
  });
});
