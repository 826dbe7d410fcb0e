import { describe, expect, it } from 'vitest';
import { LookupBudget } from './lookup-budget';

describe(LookupBudget.name, () => {
  it('allows a burst of perSecond, then perSecond a second, never saving more than one burst', () => {
    let now = 0;
    const budget = new LookupBudget(5, () => now);
    const take = (n: number) => Array.from({ length: n }, () => budget.tryTake()).filter(Boolean).length;
    expect(take(100)).toBe(5);
    now = 200; // a fifth of a second: one more
    expect(take(100)).toBe(1);
    now = 60_000; // a minute idle saves one burst, not 300
    expect(take(100)).toBe(5);
  });
});
