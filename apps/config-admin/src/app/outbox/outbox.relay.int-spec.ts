import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher } from '@tollgate/platform-bus';
import { dataSourceOptions } from '@tollgate/platform-database';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import { OutboxRelay } from './outbox.relay';

// What a relay sent, in order; `hold` keeps its next batch from being acknowledged until released.
class RecordingPublisher implements Pick<EventPublisher, 'publishBatch'> {
  readonly keys: string[] = [];
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;

  // `topic`: where acknowledged records land, shared by the replicas' publishers as the config topic is;
  // `jitterMs`: each send takes up to this long, as Kafka's acknowledgements vary.
  constructor(
    private readonly topic: string[] = [],
    private readonly jitterMs = 0,
  ) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release?.();
    this.gate = null;
  }

  async publishBatch(_topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    if (this.gate) await this.gate;
    if (this.jitterMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * this.jitterMs));
    this.keys.push(...records.map((r) => String(r.key)));
    this.topic.push(...records.map((r) => String(r.key)));
  }
}

// Two config-admin replicas' relays on one PostgreSQL database: one relays at a time, so the config topic
// receives the outbox in id order, never two batches interleaved.
describe('outbox relays of two replicas', () => {
  const database = `tollgate_int_relay_${uniqueSuffix()}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
    const url = new URL(infraEnv.databaseUrl);
    url.pathname = `/${database}`;
    dataSource = await new DataSource(
      dataSourceOptions(url.toString(), { runMigrations: true }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  const relayWith = (publisher: RecordingPublisher) =>
    new OutboxRelay(dataSource, publisher as unknown as EventPublisher);

  // `count` deletions of keys k<from>..k<from+count-1>, in that order.
  const addRows = (from: number, count: number) =>
    dataSource.query(
      `INSERT INTO config_outbox (entity, entity_id, version, payload)
       SELECT 'key', 'k' || n, 1, NULL FROM generate_series($1::int, $2::int) AS n ORDER BY n`,
      [from, from + count - 1],
    );

  it('lets a second replica relay nothing while the first is sending, then carries on in order', async () => {
    await addRows(0, 600);
    const first = new RecordingPublisher();
    const second = new RecordingPublisher();
    first.hold();
    const sending = relayWith(first).relayOnce();
    // The first holds the relay (its batch of 500 sent but not yet acknowledged): the second, which could
    // otherwise take the next 100 rows past the locked ones, relays nothing.
    await expect.poll(() => lockHolders(), { timeout: 5_000 }).toBe(1);
    expect(await relayWith(second).relayOnce()).toBe(0);
    first.open();
    expect(await sending).toBe(500);
    expect(await relayWith(second).relayOnce()).toBe(100);
    const sent = [...first.keys, ...second.keys];
    expect(sent).toEqual(Array.from({ length: 600 }, (_, n) => `key:k${n}`));
    expect(await remaining()).toBe(0);
  });

  it('puts every row on the topic once, in id order, when both relays run at once', async () => {
    await addRows(1000, 2000);
    const topic: string[] = [];
    const relays = [new RecordingPublisher(topic, 20), new RecordingPublisher(topic, 20)].map(relayWith);
    // Both drain the outbox concurrently, batch after batch, their sends taking varying times.
    await Promise.all(
      relays.map(async (relay) => {
        for (let idle = 0; idle < 3;) idle = (await relay.relayOnce()) === 0 ? idle + 1 : 0;
      }),
    );
    expect(topic).toEqual(Array.from({ length: 2000 }, (_, n) => `key:k${1000 + n}`));
    expect(await remaining()).toBe(0);
  });

  const remaining = async () =>
    Number(((await dataSource.query('SELECT count(*) AS n FROM config_outbox')) as [{ n: string }])[0].n);
  const lockHolders = async () =>
    Number(
      (
        (await dataSource.query(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )) as [{ n: string }]
      )[0].n,
    );
});
