import { describe, expect, it } from 'vitest';
import { PII_DETECTORS } from '../detectors/pii-detectors';
import { PII_ENTITY_RULES, PII_ENTITY_TYPES } from '../entities/pii-entity';
import { detect } from './detect';
import { resolveOverlaps } from './resolve-overlaps';

describe('detect', () => {
  it("covers BricksLLM's 37 rule names: 36 types and 'all'", () => {
    expect(PII_ENTITY_RULES).toHaveLength(37);
    const covered = new Set(PII_DETECTORS.flatMap((d) => d.entities));
    expect([...PII_ENTITY_TYPES].filter((e) => !covered.has(e))).toEqual([]);
  });

  it('returns sorted, non-overlapping spans of the wanted types only', () => {
    const text = 'Mail jane@example.com, card 4111 1111 1111 1111, from 10.0.0.1.';
    const spans = detect(text, ['email', 'ip_address']);
    expect(spans.map((s) => [s.entity, text.slice(s.start, s.end)])).toEqual([
      ['email', 'jane@example.com'],
      ['ip_address', '10.0.0.1'],
    ]);
  });

  it('types a value by the most specific family even when that type was not asked', () => {
    // Next to "NHS" a 3-3-4 number is an NHS number, not a phone number to report.
    expect(detect('NHS number 401 023 2137', ['phone'])).toEqual([]);
  });

  it('keeps the more confident of two overlapping proposals, the longer on a tie', () => {
    const spans = resolveOverlaps([
      { entity: 'phone', start: 0, end: 10, score: 0.6 },
      { entity: 'credit_debit_number', start: 0, end: 19, score: 0.9 },
      { entity: 'url', start: 20, end: 25, score: 0.7 },
      { entity: 'email', start: 18, end: 30, score: 0.7 },
    ]);
    expect(spans).toEqual([
      { entity: 'credit_debit_number', start: 0, end: 19 },
      { entity: 'url', start: 20, end: 25 },
    ]);
  });

  it('ignores unknown names and handles empty input', () => {
    expect(detect('', ['all'])).toEqual([]);
    expect(detect('a@b.co', ['not_a_type'])).toEqual([]);
  });
});
