import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEnvelope, Topics, type TopicSpec } from '@tollgate/contracts';
import { readFile, writeFile } from 'node:fs/promises';
import type { BusRecord, DeadLetterPort, EventPublisher, RawRecord } from './event-bus.port';
import { DeadLetterCounter } from './dead-letter.counter';
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

class RecordRefusedError extends Error {}

// A bus that refuses (as Kafka does a record too large or invalid) any batch holding a poison event, and keeps
// the dead letters it is handed; its dead-letter topic can refuse them too.
class RefusingBus extends FlakyBus implements DeadLetterPort {
  readonly deadLettered: { record: RawRecord; reason: string }[] = [];
  dlqRefuses = false;
  readonly deadLetters: DeadLetterPort = this;

  constructor(private readonly poison: ReadonlySet<number>) {
    super();
  }

  override async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    const bad = records.find((r) => this.poison.has((r.envelope?.payload as { n: number }).n));
    if (this.state === 'up' && bad) throw new RecordRefusedError('MESSAGE_TOO_LARGE');
    await super.publishBatch(topic, records);
  }

  refusalOf(error: unknown): string | null {
    return error instanceof RecordRefusedError ? error.message : null;
  }

  async publishDeadLetter(record: RawRecord, reason: string): Promise<void> {
    if (this.state === 'down') throw new Error('ECONNREFUSED');
    if (this.dlqRefuses) throw new RecordRefusedError('MESSAGE_TOO_LARGE');
    this.deadLettered.push({ record, reason });
  }
}

const numbersOf = (bus: FlakyBus, events: ReturnType<typeof event>[]) =>
  bus.received.map((r) => events.findIndex((e) => e.eventId === r.eventId));

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

  it('sets a record the bus refuses aside on its dead-letter topic and delivers the ones behind it', async () => {
    const bus = new RefusingBus(new Set([2]));
    const counter = new DeadLetterCounter();
    const spool = new FileSpool(dir, 1_000_000);
    const publisher = new SpoolingPublisher(bus, spool, { ...options, deadLetters: counter });
    await publisher.start();
    const events = [0, 1, 2, 3, 4].map(event);
    await publisher.publishBatch(
      Topics.requestCompleted,
      events.map((e) => ({ key: 'k', envelope: e })),
    );
    await publisher.drainNow();
    const later = event(5);
    await publisher.publish(Topics.requestCompleted, 'k', later);
    expect(numbersOf(bus, [...events, later])).toEqual([0, 1, 3, 4, 5]);
    expect(bus.deadLettered).toEqual([
      {
        record: { topic: Topics.requestCompleted.name, key: 'k', value: JSON.stringify(events[2]) },
        reason: 'MESSAGE_TOO_LARGE',
      },
    ]);
    expect(counter.snapshot().deadLetters).toEqual([
      { topic: Topics.requestCompleted.name, cause: 'refused_by_broker', count: 1 },
    ]);
    expect(await spool.size()).toBe(0);
    await publisher.stop();
  });

  it('sets nothing aside while the bus is down: everything waits in the spool', async () => {
    const bus = new RefusingBus(new Set([1]));
    bus.state = 'down';
    const spool = new FileSpool(dir, 1_000_000);
    const publisher = new SpoolingPublisher(bus, spool, options);
    await publisher.start();
    const events = [0, 1, 2].map(event);
    for (const e of events) await publisher.publish(Topics.requestCompleted, 'k', e);
    await publisher.drainNow();
    expect(bus.deadLettered).toEqual([]);
    expect(publisher.deadLetterCount()).toBe(0);
    bus.state = 'up';
    await publisher.drainNow();
    expect(numbersOf(bus, events)).toEqual([0, 2]);
    expect(bus.deadLettered.map((d) => d.record.value)).toEqual([JSON.stringify(events[1])]);
    await publisher.stop();
  });

  it("keeps a record in the spool's dead-letter file when its dead-letter topic refuses it too", async () => {
    const bus = new RefusingBus(new Set([1]));
    bus.dlqRefuses = true;
    const spool = new FileSpool(dir, 1_000_000);
    const publisher = new SpoolingPublisher(bus, spool, options);
    await publisher.start();
    const events = [0, 1, 2].map(event);
    await publisher.publishBatch(
      Topics.requestCompleted,
      events.map((e) => ({ key: 'k', envelope: e })),
    );
    await publisher.drainNow();
    expect(numbersOf(bus, events)).toEqual([0, 2]);
    const kept = (await readFile(spool.setAsidePath, 'utf8')).trim().split('\n');
    expect(kept.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      {
        topic: Topics.requestCompleted.name,
        key: 'k',
        value: JSON.stringify(events[1]),
        reason: 'MESSAGE_TOO_LARGE; its dead-letter topic refused it too: MESSAGE_TOO_LARGE',
        at: expect.any(String),
      },
    ]);
    expect(publisher.deadLetterCount()).toBe(1);
    await publisher.stop();
  });

  it('sets aside a spooled value that is not JSON and sends the records after it', async () => {
    const bus = new RefusingBus(new Set());
    const good = event(1);
    await writeFile(
      join(dir, 'spool.jsonl'),
      [
        { topic: Topics.requestCompleted.name, key: 'k', value: '{"eventId":' },
        { topic: Topics.requestCompleted.name, key: 'k', value: JSON.stringify(good) },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const spool = new FileSpool(dir, 1_000_000);
    const publisher = new SpoolingPublisher(bus, spool, options);
    await publisher.start();
    expect(bus.received.map((r) => r.eventId)).toEqual([good.eventId]);
    expect(await readFile(spool.setAsidePath, 'utf8')).toContain('spooled value is not JSON');
    expect(publisher.deadLetterCount()).toBe(1);
    await publisher.stop();
  });
});
