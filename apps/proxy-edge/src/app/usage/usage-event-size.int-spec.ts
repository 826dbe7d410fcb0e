import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLetterSpecOf,
  requestCompletedV1Fixtures,
  RequestCompletedV1Schema,
  type Envelope,
  type TopicSpec,
} from '@tollgate/contracts';
import { FileSpool, SpoolingPublisher, type BusRecord, type EventPublisher } from '@tollgate/platform-bus';
import { ensureTopics, KafkaEventPublisher } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';
import { UsageRecorder } from './usage.recorder';

// A request whose logged bodies are megabytes: its usage event still fits the real broker's message limit, so
// it is delivered (bodies cut and marked) instead of refused.
describe('usage event size (real Kafka)', () => {
  const topic: TopicSpec = { name: `test.usage.size.v1${uniqueSuffix()}`, partitions: 1, compacted: false };
  const kafka = new Kafka({
    clientId: 'int-size',
    brokers: infraEnv.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const bus = new KafkaEventPublisher(kafka);
  // The recorder publishes to the usage topic; this test's own topic stands in for it.
  const redirected: EventPublisher = {
    publish: (_t, key, envelope) => bus.publish(topic, key, envelope),
    publishBatch: (_t, records: readonly BusRecord[]) => bus.publishBatch(topic, records),
    deadLetters: bus,
  };
  let dir: string;

  beforeAll(async () => {
    await ensureTopics(kafka, [topic, deadLetterSpecOf(topic.name)]);
    dir = await mkdtemp(join(tmpdir(), 'tollgate-size-int-'));
  });

  afterAll(async () => {
    await bus.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [topic.name, deadLetterSpecOf(topic.name).name] })
      .catch(() => undefined);
    await admin.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers an event with 3 MB of logged bodies, cut to fit', async () => {
    const spooling = new SpoolingPublisher(redirected, new FileSpool(dir, 64 * 1024 * 1024), {
      sendTimeoutMs: 10_000,
      drainIntervalMs: 60_000,
    });
    await spooling.start();
    const recorder = new UsageRecorder(spooling);
    const fixture = requestCompletedV1Fixtures.chatSuccess.payload;
    recorder.record({
      ...fixture,
      customId: `size-${uniqueSuffix()}`,
      request: { ...fixture.request, body: JSON.stringify({ content: '"q"'.repeat(500_000) }) },
      response: {
        contentType: 'text/plain',
        encoding: 'text',
        body: 'r'.repeat(1_500_000),
        truncated: false,
      },
    });
    await recorder.beforeApplicationShutdown();
    await spooling.stop();

    const received: Envelope[] = [];
    const consumer = kafka.consumer({ groupId: `int-size.${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: topic.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void received.push(JSON.parse(message.value?.toString() ?? '')),
    });
    try {
      await expectEventually(() => expect(received).toHaveLength(1), { timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
    const event = RequestCompletedV1Schema.parse(received[0]);
    expect(event.payload.request).toMatchObject({ encoding: 'text', truncated: true });
    expect(event.payload.response).toMatchObject({ encoding: 'text', truncated: true });
    expect(spooling.deadLetterCount()).toBe(0);
  });
});
