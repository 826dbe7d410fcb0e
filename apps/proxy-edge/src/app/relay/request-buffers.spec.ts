import { describe, expect, it } from 'vitest';
import { bufferedBytesPerKey } from '../config';
import { RequestBufferBudget } from './request-buffers';

describe(RequestBufferBudget.name, () => {
  it('refuses with 503 gateway_busy what would pass the budget, and frees a lease once released', () => {
    const budget = new RequestBufferBudget(100);
    const first = budget.lease('k1');
    first.take(60);
    const second = budget.lease('k2');
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

  it('keeps one key to its share (429), leaving the rest of the budget to other keys', () => {
    const budget = new RequestBufferBudget(100, 40);
    const greedy = [budget.lease('greedy'), budget.lease('greedy')];
    greedy[0]?.take(30);
    expect(() => greedy[1]?.take(11)).toThrow(
      expect.objectContaining({
        status: 429,
        code: 'too_many_request_bytes',
        headers: { 'retry-after': '1' },
      }),
    );
    greedy[1]?.take(10);
    expect(budget.heldBy('greedy')).toBe(40);
    const other = budget.lease('other');
    other.take(40);
    expect(budget.heldBytes).toBe(80);
    greedy.forEach((lease) => lease.release());
    expect(budget.heldBy('greedy')).toBe(0);
    budget.lease('greedy').take(40);
  });

  it('gives a key a quarter of the budget by default, and never less than one largest body', () => {
    const MIB = 1024 * 1024;
    const share = (buffered: number, body: number, perKey?: number) =>
      bufferedBytesPerKey({
        MAX_BUFFERED_REQUEST_BYTES: buffered,
        MAX_REQUEST_BODY_BYTES: body,
        MAX_BUFFERED_REQUEST_BYTES_PER_KEY: perKey,
      });
    expect(share(256 * MIB, 32 * MIB)).toBe(64 * MIB);
    expect(share(64 * MIB, 32 * MIB)).toBe(32 * MIB);
    expect(share(256 * MIB, 32 * MIB, 100 * MIB)).toBe(100 * MIB);
  });
});
