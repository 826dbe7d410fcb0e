import { describe, expect, it } from 'vitest';
import { microDollarCounterOf, nanoDollarCounterOf } from './micro-dollar-counters';

describe(microDollarCounterOf.name, () => {
  it.each([
    ['tollgate:limit:key:k1:cost_nusd:total', 'tollgate:limit:key:k1:cost:total'],
    [
      'tollgate:limit:user:u1:cost_nusd[d.mo]:d:1764000000000',
      'tollgate:limit:user:u1:cost[d.mo]:d:1764000000000',
    ],
    ['tollgate:limit:key:k1:tokens[m]:m:1764000000000', null],
    ['tollgate:limit:key:k1:rate[m]:m:1764000000000', null],
  ])('%s replaces %s', (counter, legacy) => {
    expect(microDollarCounterOf(counter)).toBe(legacy);
  });
});

describe(nanoDollarCounterOf.name, () => {
  it('names the nano-dollar counter of a counter in an old event, and leaves others alone', () => {
    expect(nanoDollarCounterOf('tollgate:limit:key:k1:cost:total')).toBe(
      'tollgate:limit:key:k1:cost_nusd:total',
    );
    expect(nanoDollarCounterOf('tollgate:limit:key:k1:cost[d]:d:1')).toBe(
      'tollgate:limit:key:k1:cost_nusd[d]:d:1',
    );
    expect(nanoDollarCounterOf('tollgate:limit:key:k1:cost_nusd:total')).toBe(
      'tollgate:limit:key:k1:cost_nusd:total',
    );
    expect(nanoDollarCounterOf('tollgate:limit:key:k1:tokens[m]:m:1')).toBe(
      'tollgate:limit:key:k1:tokens[m]:m:1',
    );
  });
});
