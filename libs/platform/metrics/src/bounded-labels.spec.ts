import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AllowedLabel, CappedLabel, NONE, OTHER, statusLabel } from './bounded-labels';

const hostile = (i: number) => `${randomBytes(12).toString('base64url')}/${i}\u0000"}{`;

describe(AllowedLabel.name, () => {
  it('keeps known values and folds anything else into other', () => {
    const label = new AllowedLabel(['openai', 'anthropic']);
    expect(label.of('openai')).toBe('openai');
    expect(new Set(Array.from({ length: 1000 }, (_, i) => label.of(hostile(i))))).toEqual(new Set([OTHER]));
    expect(label.of(null)).toBe(OTHER);
  });
});

describe(CappedLabel.name, () => {
  it('gives the first max values their own series and every later one other', () => {
    const label = new CappedLabel(3);
    expect(['a', 'b', 'c', 'd', 'a'].map((v) => label.of(v))).toEqual(['a', 'b', 'c', OTHER, 'a']);
    const values = new Set(Array.from({ length: 10_000 }, (_, i) => label.of(hostile(i))));
    expect(values).toEqual(new Set([OTHER]));
  });

  it('says none for a missing value and folds an overlong one', () => {
    const label = new CappedLabel(10);
    expect(label.of(null)).toBe(NONE);
    expect(label.of('')).toBe(NONE);
    expect(label.of('x'.repeat(129))).toBe(OTHER);
  });
});

describe(statusLabel.name, () => {
  it('keeps common codes, folds the rest into their class, and anything else into other', () => {
    expect(statusLabel(429)).toBe('429');
    expect(statusLabel(418)).toBe('4xx');
    expect(statusLabel(299)).toBe('2xx');
    expect(statusLabel(1000)).toBe(OTHER);
    expect(statusLabel(-1)).toBe(OTHER);
    expect(statusLabel(200.5)).toBe(OTHER);
  });
});
