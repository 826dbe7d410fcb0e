import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { Topics } from '@tollgate/contracts';
import { chunksUnder, KafkaEventPublisher } from './kafka-event.publisher';

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

describe(KafkaEventPublisher.name, () => {
  it('tries to connect again on the next send after a failed connect (a service started while Kafka was down)', async () => {
    let attempts = 0;
    const sent: unknown[] = [];
    const producer = {
      connect: () => (++attempts === 1 ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve()),
      send: (request: unknown) => Promise.resolve(void sent.push(request)),
    };
    const publisher = new KafkaEventPublisher({ producer: () => producer } as unknown as Kafka);
    const record = { key: 'k', envelope: null };
    await expect(publisher.publishBatch(Topics.configChanged, [record])).rejects.toThrow('ECONNREFUSED');
    await publisher.publishBatch(Topics.configChanged, [record]);
    expect(attempts).toBe(2);
    expect(sent).toHaveLength(1);
  });
});
