import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  revocationRequestedV1Fixtures,
  RevocationRequestedV1Schema,
  Topics,
  type Envelope,
  type TopicSpec,
} from '@tollgate/contracts';
import { InMemoryEventBus, type BusRecord, type EventPublisher } from '@tollgate/platform-bus';
import { REQUEST_AGAIN_AFTER_MS, RevocationsProducer } from './revocations.producer';

const T0 = new Date('2026-11-24T10:15:31.000Z');
const { keyCostLimitExhausted, userExpired } = revocationRequestedV1Fixtures;

// A bus that is down until told otherwise.
class FlakyBus implements EventPublisher {
  down = true;
  readonly inner = new InMemoryEventBus();
  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    return this.down
      ? Promise.reject(new Error('broker unreachable'))
      : this.inner.publish(topic, key, envelope);
  }
  publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    return this.down
      ? Promise.reject(new Error('broker unreachable'))
      : this.inner.publishBatch(topic, records);
  }
}

describe(RevocationsProducer.name, () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('parses the contract fixtures it produces', () => {
    for (const fixture of Object.values(revocationRequestedV1Fixtures))
      expect(RevocationRequestedV1Schema.parse(fixture)).toEqual(fixture);
  });

  it('publishes a request config-admin parses, keyed by its subject', async () => {
    const bus = new InMemoryEventBus();
    const producer = new RevocationsProducer(bus);
    const { payload, traceparent } = keyCostLimitExhausted;
    expect(await producer.request(payload.entity, payload.id, payload.reason, traceparent)).toBe(true);
    const [sent] = bus.published;
    expect(sent?.topic).toBe(Topics.revocationRequested.name);
    expect(sent?.key).toBe(`key:${payload.id}`);
    expect(RevocationRequestedV1Schema.parse(sent?.envelope)).toEqual({
      ...keyCostLimitExhausted,
      eventId: sent?.envelope?.eventId,
    });
  });

  it('asks for a subject once per interval, each subject on its own', async () => {
    const bus = new InMemoryEventBus();
    const producer = new RevocationsProducer(bus);
    const key = keyCostLimitExhausted.payload;
    const user = userExpired.payload;
    expect(await producer.request(key.entity, key.id, key.reason)).toBe(true);
    expect(await producer.request(key.entity, key.id, 'expired')).toBe(false);
    expect(await producer.request(user.entity, user.id, user.reason)).toBe(true);
    vi.setSystemTime(T0.getTime() + REQUEST_AGAIN_AFTER_MS - 1);
    expect(await producer.request(key.entity, key.id, key.reason)).toBe(false);
    // Still not seen revoked after the interval (the request may have been found stale): asked again.
    vi.setSystemTime(T0.getTime() + REQUEST_AGAIN_AFTER_MS);
    expect(await producer.request(key.entity, key.id, key.reason)).toBe(true);
    expect(bus.published.map((p) => p.key)).toEqual([`key:${key.id}`, `user:${user.id}`, `key:${key.id}`]);
  });

  it('fails when the request cannot be published, and asks again at once on the next call', async () => {
    const bus = new FlakyBus();
    const producer = new RevocationsProducer(bus);
    const key = keyCostLimitExhausted.payload;
    await expect(producer.request(key.entity, key.id, key.reason)).rejects.toThrow('broker unreachable');
    bus.down = false;
    expect(await producer.request(key.entity, key.id, key.reason)).toBe(true);
    expect(bus.inner.published).toHaveLength(1);
  });
});
