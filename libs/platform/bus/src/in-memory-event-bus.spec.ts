import { describe, expect, it } from 'vitest';
import { makeEnvelope, Topics } from '@tollgate/contracts';
import { InMemoryEventBus } from './in-memory-event-bus';

describe(InMemoryEventBus.name, () => {
  it('fans one event out to every subscriber of its topic, and to no other topic', async () => {
    const bus = new InMemoryEventBus();
    const seenA: (string | null)[] = [];
    const seenB: (string | null)[] = [];
    const seenOther: (string | null)[] = [];
    bus.subscribe(Topics.requestCompleted, (e) => void seenA.push(e.value));
    bus.subscribe(Topics.requestCompleted, (e) => void seenB.push(e.value));
    bus.subscribe(Topics.configChanged, (e) => void seenOther.push(e.value));
    const envelope = makeEnvelope({ type: 't', version: 1, producer: 'p', payload: { n: 1 } });
    await bus.publish(Topics.requestCompleted, 'k', envelope);
    expect(seenA).toEqual([JSON.stringify(envelope)]);
    expect(seenB).toEqual([JSON.stringify(envelope)]);
    expect(seenOther).toEqual([]);
  });
});

describe('InMemoryEventBus tombstones', () => {
  it('delivers a null value for a tombstone, in order with the other records', async () => {
    const bus = new InMemoryEventBus();
    const seen: { key: string | null; value: string | null }[] = [];
    bus.subscribe(Topics.configChanged, (e) => void seen.push({ key: e.key, value: e.value }));
    const envelope = makeEnvelope({ type: 't', version: 1, producer: 'p', payload: {} });
    await bus.publishBatch(Topics.configChanged, [
      { key: 'key:1', envelope },
      { key: 'key:1', envelope: null },
    ]);
    expect(seen).toEqual([
      { key: 'key:1', value: JSON.stringify(envelope) },
      { key: 'key:1', value: null },
    ]);
  });
});
