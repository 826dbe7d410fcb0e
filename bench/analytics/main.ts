// Analytics benchmark (not a test): ingestion rate through the real pipeline (Kafka → the ingester's consumer
// and exactly-once sink → ClickHouse) and reporting latency over a table of BENCH_EVENTS synthetic events.
// Targets (issue 7): 20,000 events/s ingested, under 1 s per report query. Results: bench/results/analytics.{md,json}.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
  type TopicSpec,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse, raw, sql } from '@tollgate/platform-clickhouse';
import { EnvelopeBatchConsumer, ensureTopics } from '@tollgate/platform-kafka';
import { RequestEventsSink } from '../../apps/analytics-ingester/src/app/usage/request-events.sink';
import { EventReportingService } from '../../apps/config-admin/src/app/reporting/event-reporting.service';
import type { ReportingClickHouse } from '../../apps/config-admin/src/app/reporting/reporting-clickhouse';

const TABLE_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000_000);
const INGEST_EVENTS = Number(process.env['BENCH_INGEST_EVENTS'] ?? 1_000_000);
const REPEATS = 5;
// run.sh starts the bundle from the repository root.
const ROOT = process.cwd();
const clickhouseUrl = process.env['CLICKHOUSE_URL'] ?? 'http://127.0.0.1:8123';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const KEYS = 1000;
const DAYS = 30;
const END = Math.floor(Date.UTC(2026, 10, 30) / 1000);
const START = END - DAYS * 86400;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function ingestion(): Promise<{
  events: number;
  seconds: number;
  perSecond: number;
  produceSeconds: number;
}> {
  const suffix = randomUUID().slice(0, 8);
  // BENCH_INGEST_TOPIC: the events of an earlier run, still in Kafka, ingested again (by a new group).
  const reused = process.env['BENCH_INGEST_TOPIC'];
  const topic: TopicSpec = { name: reused ?? `bench.usage.v1.${suffix}`, partitions: 2, compacted: false };
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, [topic]);
  const options = { url: clickhouseUrl, database: `tollgate_bench_ingest_${suffix}` };
  await ensureDatabase(options);
  const clickhouse = createClickHouse(options);
  await migrateClickHouse(clickhouse, join(ROOT, 'apps/analytics-ingester/migrations'));
  const keyIds = Array.from({ length: 100 }, () => randomUUID());
  const produceStarted = performance.now();
  if (reused) log(`ingestion: ${INGEST_EVENTS} events already in ${topic.name}`);
  else {
    log(`ingestion: producing ${INGEST_EVENTS} events to ${topic.name}`);
    await produceEvents(kafka, topic.name, keyIds);
  }
  const produceSeconds = (performance.now() - produceStarted) / 1000;
  const sink = new RequestEventsSink(clickhouse);
  const consumer = new EnvelopeBatchConsumer({
    kafka,
    groupId: `bench.${suffix}`,
    topic: topic.name,
    schema: RequestCompletedV1Schema,
    handleBatch: async (events) => {
      await sink.write(events as RequestCompletedV1[]);
    },
  });
  const started = performance.now();
  await consumer.start();
  let stored = 0;
  while (stored < INGEST_EVENTS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const result = await clickhouse.query({
      query: 'SELECT count() AS n FROM request_events',
      format: 'JSONEachRow',
    });
    stored = Number((await result.json<{ n: number }>())[0]?.n ?? 0);
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `ingestion: ${INGEST_EVENTS} events in ${seconds.toFixed(1)} s = ${Math.round(INGEST_EVENTS / seconds)} events/s`,
  );
  await consumer.stop();
  await dropIngestionRun(kafka, topic.name, clickhouse, options.database);
  return { events: INGEST_EVENTS, seconds, perSecond: INGEST_EVENTS / seconds, produceSeconds };
}

// The run's own database and topic. Dropping millions of rows can outlast the client's request timeout: a
// cleanup failure loses no figure.
async function dropIngestionRun(kafka: Kafka, topic: string, clickhouse: ClickHouseClient, database: string) {
  await clickhouse
    .command({ query: `DROP DATABASE ${database}` })
    .catch((error: unknown) => log(`ingestion: ${database} not dropped (${String(error)})`));
  await clickhouse.close();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}

// The events the gateway would publish (the envelope of KafkaEventPublisher, schema-valid), made from one
// serialised template so that the producer, not part of what is measured, keeps ahead of the ingester:
// several requests of about 400 KB in flight at once.
async function produceEvents(kafka: Kafka, topicName: string, keyIds: readonly string[]): Promise<void> {
  const template = JSON.stringify(
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'bench',
      payload: {
        ...requestCompletedV1Fixtures.chatSuccess.payload,
        requestId: 'REQUEST_ID',
        keyId: 'KEY_ID',
        costNanoUsd: 123456789,
      },
    }),
  );
  const envelopeOf = (n: number, requestId: string): string =>
    template
      .replace(/"eventId":"[^"]+"/, `"eventId":"${randomUUID()}"`)
      .replace(/"occurredAt":"[^"]+"/, `"occurredAt":"${new Date().toISOString()}"`)
      .replace('REQUEST_ID', requestId)
      .replace('KEY_ID', keyIds[n % keyIds.length] ?? '')
      .replace('123456789', String((n % 997) * 1000 + (n % 1000)));
  RequestCompletedV1Schema.parse(JSON.parse(envelopeOf(0, randomUUID())));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const headers = { 'event-type': REQUEST_COMPLETED_TYPE, 'event-version': '1' };
  const PER_REQUEST = 400;
  const IN_FLIGHT = 4;
  let next = 0;
  const sendAll = async () => {
    while (next < INGEST_EVENTS) {
      const from = next;
      next = Math.min(INGEST_EVENTS, next + PER_REQUEST);
      const messages = [];
      for (let n = from; n < next; n++) {
        const requestId = randomUUID();
        messages.push({ key: requestId, value: envelopeOf(n, requestId), headers });
      }
      await producer.send({ topic: topicName, acks: 1, messages });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sendAll));
  await producer.disconnect();
}

// BENCH_EVENTS rows over 30 days, 1000 keys, 8 models, 5000 users, generated by ClickHouse itself (the
// rollup view fills as they are inserted, as it does for the ingester's inserts).
async function fillTable(clickhouse: ClickHouseClient): Promise<number> {
  const started = performance.now();
  const chunk = 1_000_000;
  for (let offset = 0; offset < TABLE_EVENTS; offset += chunk) {
    const n = Math.min(chunk, TABLE_EVENTS - offset);
    await clickhouse.command({
      query:
        sql`INSERT INTO request_events (event_id, created_at, request_id, key_id, tags, provider, model, path,
          method, status, outcome, latency_ms, prompt_tokens, completion_tokens, total_tokens, cost_nano_usd,
          cost_micro_usd, cost_known, price_entry, user_id, custom_id)
        SELECT
          toString(number) AS event_id,
          toDateTime(${START} + intDiv(number * ${DAYS * 86400}, ${TABLE_EVENTS})) AS created_at,
          toString(number) AS request_id,
          concat('key-', toString(number % ${KEYS})) AS key_id,
          [concat('team-', toString(number % 20))] AS tags,
          'openai' AS provider,
          concat('model-', toString(number % 8)) AS model,
          '/api/providers/openai/v1/chat/completions' AS path,
          'POST' AS method,
          if(number % 50 = 0, 500, if(number % 97 = 0, 429, 200)) AS status,
          if(number % 97 = 0, 'rejected', 'success') AS outcome,
          100 + (number * 7919) % 2000 AS latency_ms,
          10 + number % 900 AS prompt_tokens,
          number % 400 AS completion_tokens,
          10 + number % 900 + number % 400 AS total_tokens,
          (number * 31) % 5000000 AS cost_nano_usd,
          intDiv((number * 31) % 5000000 + 500, 1000) AS cost_micro_usd,
          1 AS cost_known,
          concat('model-', toString(number % 8)) AS price_entry,
          concat('user-', toString(number % 5000)) AS user_id,
          if(number % 10 = 0, concat('run-', toString(number % 100)), '') AS custom_id
        FROM (SELECT number + ${offset} AS number FROM system.numbers LIMIT ${n})`.text,
    });
  }
  return (performance.now() - started) / 1000;
}

async function reporting() {
  const options = { url: clickhouseUrl, database: 'tollgate_bench_report' };
  await ensureDatabase(options);
  const clickhouse = createClickHouse(options);
  const fillSeconds = await prepareReportTable(clickhouse);
  const reader = {
    rows: async <T>(q: { text: string }) =>
      (await clickhouse.query({ query: q.text, format: 'JSONEachRow' })).json<T>(),
  };
  const service = new EventReportingService(reader as unknown as ReportingClickHouse, null as never);
  const results = [];
  for (const [name, run] of reportQueries(service, reader)) {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    results.push({ name, medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)) });
    log(`  ${name}: median ${Math.round(median(times))} ms`);
  }
  await clickhouse.close();
  return { events: TABLE_EVENTS, fillSeconds, queries: results };
}

// The reporting table with exactly TABLE_EVENTS events (kept between runs; refilled when its size differs).
// The seconds the fill took, 0 when the table was kept.
async function prepareReportTable(clickhouse: ClickHouseClient): Promise<number> {
  await migrateClickHouse(clickhouse, join(ROOT, 'apps/analytics-ingester/migrations'));
  const present = await clickhouse.query({
    query: 'SELECT count() AS n FROM request_events',
    format: 'JSONEachRow',
  });
  const held = Number((await present.json<{ n: number }>())[0]?.n ?? 0);
  if (held === TABLE_EVENTS) return 0;
  await clickhouse.command({ query: 'TRUNCATE TABLE request_events' });
  await clickhouse.command({ query: 'TRUNCATE TABLE request_rollup_minute' });
  log(`reporting: generating ${TABLE_EVENTS} events`);
  return fillTable(clickhouse);
}

type RowReader = { rows<T>(q: { text: string }): Promise<T[]> };

// What the dashboards and BricksLLM's reporting API ask most: each timed REPEATS times.
function reportQueries(
  service: EventReportingService,
  reader: RowReader,
): [string, () => Promise<unknown>][] {
  return [
    [
      'events report: one key, 30 days hourly, grouped by model',
      () =>
        service.eventsReport({
          start: START,
          end: END,
          increment: 3600,
          keyIds: ['key-7'],
          filters: ['model'],
        }),
    ],
    [
      'events report: all keys, 30 days daily, grouped by model',
      () => service.eventsReport({ start: START, end: END, increment: 86400, filters: ['model'] }),
    ],
    [
      'events report: a tag and 50 users, 7 days hourly, grouped by user',
      () =>
        service.eventsReport({
          start: END - 7 * 86400,
          end: END,
          increment: 3600,
          tags: ['team-3'],
          userIds: Array.from({ length: 50 }, (_, i) => `user-${i * 20 + 3}`),
          filters: ['userId'],
        }),
    ],
    [
      'v2 events: one key, most expensive first, page of 100, with count',
      () =>
        service.eventsV2({
          start: START,
          end: END,
          keyIds: ['key-42'],
          costOrder: 'desc',
          limit: 100,
          offset: 0,
          returnCount: true,
        }),
    ],
    ['users-ids of a key', () => service.distinct('user_id', 'key-42')],
    [
      'rollup: spend per key over 30 days (dashboard top keys)',
      () =>
        reader.rows(
          raw(
            `SELECT key_id, sumMerge(cost_nano_usd_sum) AS c FROM request_rollup_minute WHERE minute >= toDateTime(${START}) GROUP BY key_id ORDER BY c DESC LIMIT 20`,
          ),
        ),
    ],
  ];
}

async function main() {
  const version = await (async () => {
    const c = createClickHouse({ url: clickhouseUrl, database: 'default' });
    const r = await c.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
    const v = (await r.json<{ v: string }>())[0]?.v ?? '?';
    await c.close();
    return v;
  })();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB; ClickHouse ${version}`;
  log(`machine: ${machine}`);
  const ingest = await ingestion();
  const report = await reporting();
  const table = [
    `Analytics benchmark (${new Date().toISOString().slice(0, 10)}), ${machine}`,
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| ingestion, Kafka → consumer → exactly-once sink → ClickHouse (${ingest.events.toLocaleString('en')} events) | ${Math.round(ingest.perSecond).toLocaleString('en')} events/s | 20,000 events/s |`,
    ...report.queries.map(
      (q) =>
        `| ${q.name} (${report.events.toLocaleString('en')} events) | median ${q.medianMs} ms, max ${q.maxMs} ms | < 1000 ms |`,
    ),
  ].join('\n');
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/analytics.md'), `${table}\n`);
  writeFileSync(
    join(ROOT, 'bench/results/analytics.json'),
    `${JSON.stringify({ machine, ingest, report }, null, 2)}\n`,
  );
  log(`\n${table}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
