import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
  type TopicSpec,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { EnvelopeBatchConsumer, ensureTopics, KafkaEventPublisher } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';
import { RequestEventsSink } from './request-events.sink';

// A TCP relay between the ingester and ClickHouse that the test can cut and restore: a ClickHouse outage (or
// restart) as the ingester sees it, without stopping the server the other suites share.
class SeverableRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
    this.server = null;
  }
}

// Kafka to ClickHouse through the ingester's consumer and sink, on real Kafka and ClickHouse: every event is
// seen exactly once by the queries, across an ingester crash between insert and commit and a ClickHouse outage.
describe('ingestion exactly once (real Kafka and ClickHouse)', () => {
  const suffix = uniqueSuffix();
  const topic: TopicSpec = { name: `test.usage.v1${suffix}`, partitions: 2, compacted: false };
  const kafka = new Kafka({ clientId: 'int-ingest', brokers: infraEnv.kafkaBrokers, logLevel: 0 });
  const publisher = new KafkaEventPublisher(kafka);
  const chUrl = new URL(infraEnv.clickhouseUrl);
  const relay = new SeverableRelay({ host: chUrl.hostname, port: Number(chUrl.port || 8123) });
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let direct: ClickHouseClient;
  let viaRelay: ClickHouseClient;
  const keyId = randomUUID();
  const consumers: EnvelopeBatchConsumer<typeof RequestCompletedV1Schema>[] = [];

  const event = (): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: {
        ...requestCompletedV1Fixtures.chatSuccess.payload,
        requestId: randomUUID(),
        keyId,
        costNanoUsd: 7_000,
      },
    }) as RequestCompletedV1;
  const publish = async (events: RequestCompletedV1[]) => {
    for (const e of events) await publisher.publish(topic, e.payload.requestId, e);
  };
  const view = async () => {
    const result = await direct.query({
      query: `SELECT count() AS rows, uniqExact(event_id) AS ids, sum(cost_nano_usd) AS cost FROM request_events WHERE key_id = '${keyId}'`,
      format: 'JSONEachRow',
    });
    const rollup = await direct.query({
      query: `SELECT countMerge(requests) AS n FROM request_rollup_minute WHERE key_id = '${keyId}'`,
      format: 'JSONEachRow',
    });
    const [r] = await result.json<{ rows: number; ids: number; cost: number }>();
    const [u] = await rollup.json<{ n: number }>();
    return { rows: Number(r?.rows), ids: Number(r?.ids), cost: Number(r?.cost), rolledUp: Number(u?.n) };
  };
  const startIngester = async (handle: (events: RequestCompletedV1[]) => Promise<void>) => {
    const consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId: `int-ingest.${suffix}`,
      topic: topic.name,
      schema: RequestCompletedV1Schema,
      handleBatch: (events) => handle(events as RequestCompletedV1[]),
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [topic]);
    await ensureDatabase(options);
    direct = createClickHouse(options);
    await migrateClickHouse(direct, join(import.meta.dirname, '../../../migrations'));
    await relay.open();
    viaRelay = createClickHouse({ url: `http://127.0.0.1:${relay.port}`, database: options.database });
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop().catch(() => undefined);
    await publisher.disconnect();
    await relay.cut().catch(() => undefined);
    await viaRelay.close();
    await direct.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await direct.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('sees every event once after a crash between insert and commit, and after a ClickHouse outage', async () => {
    const sink = new RequestEventsSink(viaRelay);
    // 1. The ingester inserts its first batch, then dies before committing (the process is gone: nothing it
    //    did after the insert happens). A new ingester in the same group gets the batch again.
    const first = Array.from({ length: 50 }, event);
    await publish(first);
    let crashed = false;
    const doomed = await startIngester(async (events) => {
      await sink.write(events);
      crashed = true;
      throw new Error('killed between insert and commit');
    });
    await expectEventually(() => expect(crashed).toBe(true), { timeoutMs: 20_000 });
    await doomed.stop();
    await startIngester(async (events) => {
      await sink.write(events);
    });
    await expectEventually(
      async () => expect(await view()).toEqual({ rows: 50, ids: 50, cost: 350_000, rolledUp: 50 }),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );

    // 2. ClickHouse goes away while events keep coming (one of them delivered twice by a retrying producer);
    //    the batches fail uncommitted, and once it is back the ingester catches up.
    await relay.cut();
    const second = Array.from({ length: 40 }, event);
    await publish([...second, second[0] as RequestCompletedV1]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await view()).rows).toBe(50);
    await relay.open();
    await expectEventually(
      async () => expect(await view()).toEqual({ rows: 90, ids: 90, cost: 630_000, rolledUp: 90 }),
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
  });
});
