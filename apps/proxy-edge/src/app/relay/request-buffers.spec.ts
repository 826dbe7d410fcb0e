import { describe, expect, it } from 'vitest';
import { RequestBufferBudget } from './request-buffers';

describe(RequestBufferBudget.name, () => {
  it('refuses with 503 gateway_busy what would pass the budget, and frees a lease once released', () => {
    const budget = new RequestBufferBudget(100);
    const first = budget.lease();
    first.take(60);
    const second = budget.lease();
    expect(() => second.take(41)).toThrow(
      expect.objectContaining({ status: 503, code: 'gateway_busy', headers: { 'retry-after': '1' } }),
    );
    second.take(40);
    expect(budget.heldBytes).toBe(100);
    first.release();
    first.release();
    expect(budget.heldBytes).toBe(40);
    second.release();
    expect(budget.heldBytes).toBe(0);
  });
});
