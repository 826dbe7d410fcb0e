import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ClickHouseClient } from '@clickhouse/client';
import { Kafka, type Admin, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLetterSpecOf,
  makeEnvelope,
  readDeadLetter,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
  type RequestCompletedV1Payload,
  type TopicSpec,
} from '@tollgate/contracts';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { EnvelopeBatchConsumer, ensureTopics } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';
import { RequestEventsSink } from './request-events.sink';

const workspace = join(import.meta.dirname, '../../../../..');

// One key holder's poison in a batch of good events, on real Kafka and ClickHouse, through the ingester's
// consumer and sink: every good event lands once, the poison ones are dead-lettered with their reason, the
// partition keeps flowing, and the replay command brings a dead letter back once its cause is fixed.
describe('a poison batch (real Kafka and ClickHouse)', () => {
  const suffix = uniqueSuffix();
  const topic: TopicSpec = { name: `test.usage.poison.v1${suffix}`, partitions: 1, compacted: false };
  const dlq = deadLetterSpecOf(topic.name);
  const kafka = new Kafka({ clientId: 'int-poison', brokers: infraEnv.kafkaBrokers, logLevel: 0 });
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  const groupId = `int-poison.${suffix}`;
  const keyId = randomUUID();
  const counter = new DeadLetterCounter();
  let clickhouse: ClickHouseClient;
  let admin: Admin;
  let consumer: EnvelopeBatchConsumer<typeof RequestCompletedV1Schema>;

  const event = (change: Partial<RequestCompletedV1Payload> = {}): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: {
        ...requestCompletedV1Fixtures.chatSuccess.payload,
        requestId: randomUUID(),
        keyId,
        costNanoUsd: 7_000,
        ...change,
      },
    }) as RequestCompletedV1;
  // Raw values, as a producer (or an attacker's request through an old proxy) wrote them.
  const send = async (values: string[]) => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      acks: -1,
      messages: values.map((value) => ({ key: keyId, value })),
    });
    await producer.disconnect();
  };
  const scalarRows = async <T>(query: string) =>
    (await clickhouse.query({ query, format: 'JSONEachRow' })).json<T>();
  const view = async () => {
    const [raw] = await scalarRows<{ rows: string; ids: string; cost: string }>(
      `SELECT count() AS rows, uniqExact(event_id) AS ids, sum(cost_nano_usd) AS cost FROM request_events WHERE key_id = '${keyId}'`,
    );
    const [rollup] = await scalarRows<{ n: string }>(
      `SELECT countMerge(requests) AS n FROM request_rollup_minute WHERE key_id = '${keyId}'`,
    );
    return {
      rows: Number(raw?.rows),
      ids: Number(raw?.ids),
      cost: Number(raw?.cost),
      rolledUp: Number(rollup?.n),
    };
  };
  const deadLetters = async (count: number): Promise<KafkaMessage[]> => {
    const seen: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `int-poison.dlq.${uniqueSuffix()}` });
    await reader.connect();
    await reader.subscribe({ topic: dlq.name, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(message) });
    try {
      await expectEventually(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return seen;
    } finally {
      await reader.disconnect();
    }
  };
  const replay = (...args: string[]) =>
    promisify(execFile)('bash', ['scripts/dlq-replay.sh', '--topic', dlq.name, ...args], {
      cwd: workspace,
      env: { ...process.env, KAFKA_BROKERS: infraEnv.kafkaBrokers.join(',') },
    });

  beforeAll(async () => {
    await ensureTopics(kafka, [topic, dlq]);
    await ensureDatabase(options);
    clickhouse = createClickHouse(options);
    await migrateClickHouse(clickhouse, join(import.meta.dirname, '../../../migrations'));
    // A column narrower than the data (an operator's schema change): ClickHouse refuses a longer value.
    await clickhouse.command({ query: 'ALTER TABLE request_events MODIFY COLUMN method FixedString(8)' });
    admin = kafka.admin();
    await admin.connect();
    const sink = new RequestEventsSink(clickhouse);
    consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId,
      topic: topic.name,
      schema: RequestCompletedV1Schema,
      deadLetters: counter,
      handleBatch: (events) => sink.ingest(events as RequestCompletedV1[]),
    });
  });

  afterAll(async () => {
    await consumer.stop().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic.name, dlq.name] }).catch(() => undefined);
    await admin.disconnect();
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await clickhouse.close();
  });

  it('keeps every good event once, dead-letters the poison with its reason, and the replay brings it back', async () => {
    const good = Array.from({ length: 30 }, () => event());
    const loneSurrogate = event({ userId: 'eve\ud800' });
    const nul = event({ customId: 'run\u00001' });
    const refused = event({ method: 'PROPPATCHX' });
    const invalidEscape = JSON.stringify(event()).replace(/"userId":"[^"]*"/, '"userId":"\\uZZZZ"');
    await send([
      ...good.slice(0, 10).map((e) => JSON.stringify(e)),
      JSON.stringify(loneSurrogate), // `\ud800` on the wire: JSON.stringify escapes a lone surrogate
      invalidEscape,
      ...good.slice(10, 20).map((e) => JSON.stringify(e)),
      JSON.stringify(nul),
      JSON.stringify(refused),
    ]);
    await consumer.start();
    // The partition keeps flowing: events sent after the poison arrive too.
    await send(good.slice(20).map((e) => JSON.stringify(e)));

    // 30 good events and the two whose strings were made well-formed, each once, the rollup agreeing.
    await expectEventually(
      async () => expect(await view()).toEqual({ rows: 32, ids: 32, cost: 224_000, rolledUp: 32 }),
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    expect(
      await scalarRows(
        `SELECT user_id, custom_id FROM request_events WHERE event_id = '${loneSurrogate.eventId}'`,
      ),
    ).toEqual([{ user_id: 'eve\uFFFD', custom_id: 'run-1' }]);
    expect(
      await scalarRows(`SELECT custom_id FROM request_events WHERE event_id = '${nul.eventId}'`),
    ).toEqual([{ custom_id: 'run\uFFFD1' }]);

    // Two dead letters, each with its reason; every offset committed.
    const letters = await deadLetters(2);
    expect(letters.map((m) => readDeadLetter(m.headers))).toEqual([
      expect.objectContaining({
        originalOffset: '11',
        consumerGroup: groupId,
        cause: 'unparseable',
        reason: expect.stringMatching(/^not JSON: .*escape/i),
      }),
      expect.objectContaining({
        originalOffset: '23',
        consumerGroup: groupId,
        cause: 'refused_by_sink',
        reason: expect.stringMatching(/TOO_LARGE_STRING_SIZE.*FixedString\(8\)/),
      }),
    ]);
    expect(letters[1]?.value?.toString()).toBe(JSON.stringify(refused));
    expect(counter.snapshot().deadLetters).toEqual([
      { topic: topic.name, cause: 'refused_by_sink', count: 1 },
      { topic: topic.name, cause: 'unparseable', count: 1 },
    ]);
    await expectEventually(
      async () => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic.name] });
        expect(committed?.partitions[0]?.offset).toBe('34');
      },
      { timeoutMs: 10_000 },
    );

    // The cause is fixed (the column widened again); the documented command brings the refused one back, once.
    await clickhouse.command({ query: 'ALTER TABLE request_events MODIFY COLUMN method String' });
    const { stdout } = await replay('--cause', 'refused_by_sink');
    expect(stdout).toMatch(/^replayed 1 dead letter\(s\) from .*; 1 left out by the filters$/m);
    await expectEventually(
      async () => expect(await view()).toEqual({ rows: 33, ids: 33, cost: 231_000, rolledUp: 33 }),
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    expect(
      await scalarRows(`SELECT method FROM request_events WHERE event_id = '${refused.eventId}'`),
    ).toEqual([{ method: 'PROPPATCHX' }]);
    // Replayed again from the beginning: the ingester skips what it has, and nothing new is dead-lettered.
    expect((await replay('--cause', 'refused_by_sink', '--from-beginning')).stdout).toMatch(/^replayed 1 /m);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await view()).toEqual({ rows: 33, ids: 33, cost: 231_000, rolledUp: 33 });
    expect(counter.total()).toBe(2);
  }, 240_000);
});
