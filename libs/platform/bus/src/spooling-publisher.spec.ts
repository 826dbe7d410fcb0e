import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEnvelope, Topics, type TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher } from './event-bus.port';
import { FileSpool } from './file-spool';
import { SpoolingPublisher } from './spooling-publisher';

// A bus that can be down (fails at once), hanging (never answers) or up.
class FlakyBus implements EventPublisher {
  state: 'up' | 'down' | 'hanging' = 'up';
  readonly received: { topic: string; key: string | null; eventId: string | null }[] = [];

  publish(topic: TopicSpec, key: string | null, envelope: never): Promise<void> {
    return this.publishBatch(topic, [{ key, envelope }]);
  }

  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    if (this.state === 'down') throw new Error('ECONNREFUSED');
    if (this.state === 'hanging') return new Promise(() => undefined);
    for (const r of records)
      this.received.push({ topic: topic.name, key: r.key, eventId: r.envelope?.eventId ?? null });
  }
}

const event = (n: number) => makeEnvelope({ type: 'test', version: 1, producer: 'test', payload: { n } });

describe(SpoolingPublisher.name, () => {
  let dir: string;
  const options = { sendTimeoutMs: 50, drainIntervalMs: 60_000 };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-spool-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('sends straight to the bus while it is up', async () => {
    const bus = new FlakyBus();
    const publisher = new SpoolingPublisher(bus, new FileSpool(dir, 1_000_000), options);
    await publisher.start();
    const e = event(1);
    await publisher.publish(Topics.requestCompleted, 'k', e);
    expect(bus.received).toEqual([{ topic: Topics.requestCompleted.name, key: 'k', eventId: e.eventId }]);
    await publisher.stop();
  });

  it('spools while the bus is down and sends everything, in order, after a restart once it is back', async () => {
    const bus = new FlakyBus();
    bus.state = 'down';
    const first = new SpoolingPublisher(bus, new FileSpool(dir, 1_000_000), options);
    await first.start();
    const events = [event(1), event(2), event(3)];
    for (const e of events) await first.publish(Topics.requestCompleted, 'k', e);
    await first.publish(Topics.configChanged, 'key:1', event(4));
    expect(bus.received).toEqual([]);
    await first.stop();

    // A new process on the same directory: the spool survived the restart.
    bus.state = 'up';
    const second = new SpoolingPublisher(bus, new FileSpool(dir, 1_000_000), options);
    await second.start();
    expect(bus.received.map((r) => r.eventId)).toEqual([...events.map((e) => e.eventId), expect.any(String)]);
    expect(bus.received.at(-1)?.topic).toBe(Topics.configChanged.name);
    expect(await new FileSpool(dir, 1_000_000).size()).toBe(0);
    await second.stop();
  });

  it('spools a send that does not answer in time', async () => {
    const bus = new FlakyBus();
    bus.state = 'hanging';
    const spool = new FileSpool(dir, 1_000_000);
    const publisher = new SpoolingPublisher(bus, spool, options);
    await publisher.start();
    await publisher.publish(Topics.requestCompleted, 'k', event(1));
    expect(await spool.size()).toBeGreaterThan(0);
    bus.state = 'up';
    await publisher.drainNow();
    expect(bus.received).toHaveLength(1);
    expect(await spool.size()).toBe(0);
    await publisher.stop();
  });

  it('keeps new events behind spooled ones, so order holds', async () => {
    const bus = new FlakyBus();
    bus.state = 'down';
    const publisher = new SpoolingPublisher(bus, new FileSpool(dir, 1_000_000), options);
    await publisher.start();
    const older = event(1);
    await publisher.publish(Topics.requestCompleted, 'k', older);
    bus.state = 'up';
    const newer = event(2);
    await publisher.publish(Topics.requestCompleted, 'k', newer);
    expect(bus.received).toEqual([]);
    await publisher.drainNow();
    expect(bus.received.map((r) => r.eventId)).toEqual([older.eventId, newer.eventId]);
    await publisher.stop();
  });

  it('refuses loudly when the spool is full', async () => {
    const bus = new FlakyBus();
    bus.state = 'down';
    const publisher = new SpoolingPublisher(bus, new FileSpool(dir, 300), options);
    await publisher.start();
    await publisher.publish(Topics.requestCompleted, 'k', event(1));
    await expect(publisher.publish(Topics.requestCompleted, 'k', event(2))).rejects.toThrow(/spool full/);
    await publisher.stop();
  });
});
