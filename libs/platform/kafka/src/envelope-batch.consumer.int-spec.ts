import { Kafka, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deadLetterTopicOf, envelopeSchemaOf, makeEnvelope, type TopicSpec } from '@tollgate/contracts';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';
import { EnvelopeBatchConsumer } from './envelope-batch.consumer';
import { KafkaEventPublisher } from './kafka-event.publisher';
import { ensureTopics } from './topic-provisioner';

const suffix = uniqueSuffix();
const topic: TopicSpec = { name: `test.probe.sent.v1${suffix}`, partitions: 2, compacted: false };
const dlq: TopicSpec = { name: deadLetterTopicOf(topic.name), partitions: 1, compacted: false };
const Schema = envelopeSchemaOf('test.probe', 1, z.object({ n: z.number().int() }));
type Probe = z.infer<typeof Schema>;

describe('Kafka bus (real broker)', () => {
  const kafka = new Kafka({ clientId: 'int-test', brokers: infraEnv.kafkaBrokers, logLevel: 1 });
  const publisher = new KafkaEventPublisher(kafka);
  let admin: Admin;

  beforeAll(async () => {
    await ensureTopics(kafka, [topic, dlq]);
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await admin.deleteTopics({ topics: [topic.name, dlq.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates topics idempotently with the registry settings', async () => {
    await ensureTopics(kafka, [topic, dlq]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic.name] });
    expect(metadata.topics[0]?.partitions).toHaveLength(2);
  });

  it('delivers valid events to the handler, dead-letters invalid ones, and redelivers a failed batch', async () => {
    const events = [1, 2, 3].map((n) =>
      makeEnvelope({ type: 'test.probe', version: 1, producer: 'int', payload: { n } }),
    );
    for (const event of events) await publisher.publish(topic, 'same-key', event);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: [{ key: 'same-key', value: '{"not":"an envelope"}' }],
    });
    await producer.disconnect();

    const seen: Probe[] = [];
    let failuresLeft = 1;
    const consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId: `int-test.${suffix}`,
      topic: topic.name,
      schema: Schema,
      handleBatch: async (batch) => {
        // The first attempt fails as if the sink were down: nothing may be committed.
        if (failuresLeft-- > 0) throw new Error('sink unavailable');
        seen.push(...batch);
      },
    });
    await consumer.start();
    try {
      await expectEventually(() => expect(seen.map((e) => e.payload.n).sort()).toEqual([1, 2, 3]), {
        timeoutMs: 45_000,
      });
      expect(seen.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    } finally {
      await consumer.stop();
    }

    const offsets = await admin.fetchTopicOffsets(dlq.name);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
    const committed = await admin.fetchOffsets({ groupId: `int-test.${suffix}`, topics: [topic.name] });
    const committedTotal = committed[0]?.partitions.reduce(
      (sum, p) => sum + Math.max(0, Number(p.offset)),
      0,
    );
    expect(committedTotal).toBe(4);
  });

  it('commits the batch in progress when stopped during it (graceful shutdown)', async () => {
    const own: TopicSpec = { name: `test.probe.stop.v1${suffix}`, partitions: 1, compacted: false };
    await ensureTopics(kafka, [own, { ...dlq, name: deadLetterTopicOf(own.name) }]);
    const event = makeEnvelope({ type: 'test.probe', version: 1, producer: 'int', payload: { n: 7 } });
    await publisher.publish(own, 'k', event);
    const groupId = `int-test.stop.${suffix}`;
    let stopping: Promise<void> | undefined;
    const consumer: EnvelopeBatchConsumer<typeof Schema> = new EnvelopeBatchConsumer({
      kafka,
      groupId,
      topic: own.name,
      schema: Schema,
      // SIGTERM arrives while the batch is handled: stop() begins before the batch is committed.
      handleBatch: async () => {
        stopping ??= consumer.stop();
      },
    });
    try {
      await consumer.start();
      await expectEventually(() => expect(stopping).toBeDefined(), { timeoutMs: 45_000 });
      await stopping;
      const committed = await admin.fetchOffsets({ groupId, topics: [own.name] });
      expect(committed[0]?.partitions[0]?.offset).toBe('1');
    } finally {
      await admin.deleteTopics({ topics: [own.name, deadLetterTopicOf(own.name)] }).catch(() => undefined);
    }
  });
});
