import { describe, expect, it } from 'vitest';
import { makeEnvelope, type TopicSpec } from '@tollgate/contracts';
import { BatchingPublisher } from './batching-publisher';
import type { BusRecord, EventPublisher } from './event-bus.port';

const topic: TopicSpec = { name: 't.v1', partitions: 1, compacted: false };
const other: TopicSpec = { name: 'u.v1', partitions: 1, compacted: false };
const envelope = (n: number) => makeEnvelope({ type: 'x', version: 1, producer: 'test', payload: { n } });

// Records every batch it is given; fails the sends it is told to.
class RecordingPublisher implements EventPublisher {
  readonly batches: { topic: string; ns: number[] }[] = [];
  failNext = false;
  async publish(t: TopicSpec, key: string | null, e: ReturnType<typeof envelope>): Promise<void> {
    await this.publishBatch(t, [{ key, envelope: e }]);
  }
  async publishBatch(t: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('bus down');
    }
    this.batches.push({ topic: t.name, ns: records.map((r) => (r.envelope?.payload as { n: number }).n) });
  }
}

describe(BatchingPublisher.name, () => {
  it('sends events published together as one batch per topic, in order', async () => {
    const inner = new RecordingPublisher();
    const publisher = new BatchingPublisher(inner, { lingerMs: 5, maxRecords: 100 });
    await Promise.all([
      ...[1, 2, 3].map((n) => publisher.publish(topic, null, envelope(n))),
      publisher.publish(other, null, envelope(9)),
    ]);
    expect(inner.batches).toEqual([
      { topic: 't.v1', ns: [1, 2, 3] },
      { topic: 'u.v1', ns: [9] },
    ]);
  });

  it('sends a full batch at once and keeps the order of later ones', async () => {
    const inner = new RecordingPublisher();
    const publisher = new BatchingPublisher(inner, { lingerMs: 60_000, maxRecords: 2 });
    await Promise.all([1, 2, 3, 4].map((n) => publisher.publish(topic, null, envelope(n))));
    expect(inner.batches.map((b) => b.ns)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('rejects every publish of a failed batch, and the next batch still goes', async () => {
    const inner = new RecordingPublisher();
    const publisher = new BatchingPublisher(inner, { lingerMs: 1, maxRecords: 100 });
    inner.failNext = true;
    const failed = [1, 2].map((n) => publisher.publish(topic, null, envelope(n)));
    await expect(failed[0]).rejects.toThrow('bus down');
    await expect(failed[1]).rejects.toThrow('bus down');
    await publisher.publish(topic, null, envelope(3));
    expect(inner.batches).toEqual([{ topic: 't.v1', ns: [3] }]);
  });
});
