import { describe, expect, it } from 'vitest';
import { chunksUnder } from './kafka-event.publisher';

describe(chunksUnder.name, () => {
  it('splits messages, in order, into requests under the size limit; a lone large one goes alone', () => {
    const message = (kb: number, n: number) => ({ key: String(n), value: 'x'.repeat(kb * 1024) });
    const chunks = chunksUnder(
      [message(300, 1), message(300, 2), message(300, 3), message(950, 4), message(1, 5)],
      900 * 1024,
    );
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['1', '2'], ['3'], ['4'], ['5']]);
  });
});
