import { describe, expect, it } from 'vitest';
import { makeEnvelope, Topics } from '@tollgate/contracts';
import { InMemoryEventBus } from './in-memory-event-bus';

describe(InMemoryEventBus.name, () => {
  it('fans one event out to every subscriber of its topic, and to no other topic', async () => {
    const bus = new InMemoryEventBus();
    const seenA: string[] = [];
    const seenB: string[] = [];
    const seenOther: string[] = [];
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
