import { describe, expect, it } from 'vitest';
import { hasApplied, type AppliedState } from './applied-registry';

const state = (positions: Record<string, string>, pgAppliedAt: number): AppliedState => ({
  instanceId: 'proxy-edge.1',
  positions,
  pgAppliedAt,
});

describe(hasApplied.name, () => {
  it('counts a change applied once the instance read PostgreSQL after the commit', () => {
    expect(hasApplied(state({}, 1_000), 1_000, null)).toBe(true);
    expect(hasApplied(state({}, 999), 1_000, null)).toBe(false);
  });

  it('counts a change applied once the instance is past the topic end taken after the relay', () => {
    expect(hasApplied(state({ '0': '42' }, 0), 1_000, { '0': '42' })).toBe(true);
    expect(hasApplied(state({ '0': '41' }, 0), 1_000, { '0': '42' })).toBe(false);
    // Offsets compare as numbers, not strings.
    expect(hasApplied(state({ '0': '100' }, 0), 1_000, { '0': '99' })).toBe(true);
    expect(hasApplied(state({}, 0), 1_000, { '0': '1' })).toBe(false);
  });
});
