import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, type Admin, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEAD_LETTER_MAX_MESSAGE_BYTES,
  DeadLetterHeaders,
  deadLetterSpecOf,
  envelopeSchemaOf,
  makeEnvelope,
  readDeadLetter,
  type TopicSpec,
} from '@tollgate/contracts';
import { DeadLetterCounter, FileSpool, SpoolingPublisher } from '@tollgate/platform-bus';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';
import { replayDeadLetters } from './dead-letter.replayer';
import { EnvelopeBatchConsumer } from './envelope-batch.consumer';
import { KafkaEventPublisher } from './kafka-event.publisher';
import { ensureTopics } from './topic-provisioner';

const suffix = uniqueSuffix();
const Schema = envelopeSchemaOf(
  'test.probe',
  1,
  z.object({ n: z.number().int(), pad: z.string().optional() }),
);
type Probe = z.infer<typeof Schema>;
const probe = (n: number, pad = '') =>
  makeEnvelope({ type: 'test.probe', version: 1, producer: 'int', payload: { n, ...(pad ? { pad } : {}) } });
const numberOf = (m: KafkaMessage) => (JSON.parse(m.value?.toString() ?? '{}') as Probe).payload.n;

// Dead letters on a real broker: what consumers set aside (with the reason), what the producer's spool sets
// aside (records the broker refuses), and the replay that brings them back.
describe('dead letters (real broker)', () => {
  const kafka = new Kafka({ clientId: 'int-dlq', brokers: infraEnv.kafkaBrokers, logLevel: 1 });
  const publisher = new KafkaEventPublisher(kafka);
  const topics: string[] = [];
  let admin: Admin;

  const provision = async (name: string, spec: Partial<TopicSpec> = {}) => {
    const topic: TopicSpec = { name: `${name}${suffix}`, partitions: 1, compacted: false, ...spec };
    await ensureTopics(kafka, [topic, deadLetterSpecOf(topic.name)]);
    topics.push(topic.name, deadLetterSpecOf(topic.name).name);
    return topic;
  };
  // Every message of a topic, read from the start by a group of its own.
  const readAll = async (topic: string, count: number): Promise<KafkaMessage[]> => {
    const seen: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `int-dlq.read.${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    try {
      await expectEventually(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      return seen;
    } finally {
      await consumer.disconnect();
    }
  };
  const runConsumer = async (
    topic: string,
    groupId: string,
    handle: (events: Probe[]) => Promise<void | { refused: { event: Probe; reason: string }[] }>,
    counter?: DeadLetterCounter,
  ) => {
    const consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId,
      topic,
      schema: Schema,
      handleBatch: handle,
      ...(counter ? { deadLetters: counter } : {}),
    });
    await consumer.start();
    return consumer;
  };
  const committedOf = async (groupId: string, topic: string) =>
    (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('sets aside what the store refused and what is not an event, each with its reason, and moves on', async () => {
    const topic = await provision('test.dlq.consumer.v1');
    for (const n of [1, 2, 3]) await publisher.publish(topic, 'k', probe(n));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topic.name, messages: [{ key: 'k', value: '{"s":"\\uZZZZ"}' }] });
    await producer.disconnect();
    await publisher.publish(topic, 'k', probe(4));

    const stored: number[] = [];
    const counter = new DeadLetterCounter();
    const groupId = `int-dlq.a.${suffix}`;
    const consumer = await runConsumer(
      topic.name,
      groupId,
      async (events) => {
        const refused = events.filter((e) => e.payload.n === 2);
        stored.push(...events.filter((e) => e.payload.n !== 2).map((e) => e.payload.n));
        return { refused: refused.map((event) => ({ event, reason: 'Code: 131, Too large value' })) };
      },
      counter,
    );
    try {
      await expectEventually(() => expect(stored).toEqual([1, 3, 4]), { timeoutMs: 45_000 });
      await expectEventually(async () => expect(await committedOf(groupId, topic.name)).toBe('5'), {
        timeoutMs: 10_000,
      });
    } finally {
      await consumer.stop();
    }
    const letters = await readAll(deadLetterSpecOf(topic.name).name, 2);
    expect(letters.map((m) => readDeadLetter(m.headers))).toEqual([
      expect.objectContaining({ originalOffset: '1', consumerGroup: groupId, cause: 'refused_by_sink' }),
      expect.objectContaining({
        originalOffset: '3',
        cause: 'unparseable',
        reason: expect.stringMatching(/^not JSON/),
      }),
    ]);
    expect(readDeadLetter(letters[0]?.headers)?.reason).toBe('Code: 131, Too large value');
    expect(counter.snapshot().deadLetters).toEqual([
      { topic: topic.name, cause: 'refused_by_sink', count: 1 },
      { topic: topic.name, cause: 'unparseable', count: 1 },
    ]);

    // The cause is fixed: a replay brings the refused one back for that group alone, once.
    const report = await replayDeadLetters({
      kafka,
      topic: deadLetterSpecOf(topic.name).name,
      cause: 'refused_by_sink',
    });
    expect(report).toEqual({ replayed: 1, skipped: 1 });
    const again = await replayDeadLetters({ kafka, topic: deadLetterSpecOf(topic.name).name });
    expect(again).toEqual({ replayed: 0, skipped: 0 });
    const replayed = (await readAll(topic.name, 6)).at(-1);
    expect(replayed && numberOf(replayed)).toBe(2);
    expect(replayed?.headers?.[DeadLetterHeaders.replayFor]?.toString()).toBe(groupId);
    expect(readDeadLetter(replayed?.headers)).toBeNull();

    const otherGroup: number[] = [];
    const sameGroup: number[] = [];
    const other = await runConsumer(topic.name, `int-dlq.b.${suffix}`, async (events) => {
      otherGroup.push(...events.map((e) => e.payload.n));
    });
    const same = await runConsumer(topic.name, groupId, async (events) => {
      sameGroup.push(...events.map((e) => e.payload.n));
    });
    try {
      await expectEventually(() => expect(sameGroup).toEqual([2]), { timeoutMs: 45_000 });
      // The other group had the original 2 and takes it once: the replay is not for it.
      await expectEventually(() => expect(otherGroup).toEqual([1, 2, 3, 4]), { timeoutMs: 45_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(otherGroup).toEqual([1, 2, 3, 4]);
    } finally {
      await other.stop();
      await same.stop();
    }
  }, 240_000);

  it('replays everything again from the beginning when asked, and lists without publishing on a dry run', async () => {
    const topic = await provision('test.dlq.replay.v1');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: deadLetterSpecOf(topic.name).name, messages: [{ key: 'k', value: 'x' }] });
    await producer.disconnect();
    const dlq = deadLetterSpecOf(topic.name).name;
    const lines: string[] = [];
    expect(await replayDeadLetters({ kafka, topic: dlq, dryRun: true, log: (l) => lines.push(l) })).toEqual({
      replayed: 1,
      skipped: 0,
    });
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^would replay offset 0 to ${topic.name} \\(invalid`)),
    ]);
    expect(await replayDeadLetters({ kafka, topic: dlq })).toEqual({ replayed: 1, skipped: 0 });
    expect(await replayDeadLetters({ kafka, topic: dlq })).toEqual({ replayed: 0, skipped: 0 });
    expect(await replayDeadLetters({ kafka, topic: dlq, fromBeginning: true })).toEqual({
      replayed: 1,
      skipped: 0,
    });
    expect((await readAll(topic.name, 2)).map((m) => m.value?.toString())).toEqual(['x', 'x']);
  });

  it('the spool sets a record the broker refuses aside and delivers the ones behind it, in order', async () => {
    const topic = await provision('test.dlq.spool.v1');
    const compacted = await provision('test.dlq.spool.compacted.v1', { compacted: true });
    const dir = await mkdtemp(join(tmpdir(), 'tollgate-spool-dlq-'));
    const counter = new DeadLetterCounter();
    const spool = new SpoolingPublisher(publisher, new FileSpool(dir, 64 * 1024 * 1024), {
      sendTimeoutMs: 10_000,
      drainIntervalMs: 60_000,
      deadLetters: counter,
    });
    try {
      await spool.start();
      // 1.5 MB: over the broker's 1 MiB message limit, within its dead-letter topic's 8 MiB.
      const huge = probe(2, 'x'.repeat(1_500_000));
      await spool.publishBatch(
        topic,
        [1, 0, 3].map((n) => ({ key: 'k', envelope: n === 0 ? huge : probe(n) })),
      );
      // A compacted topic refuses a record without a key (INVALID_RECORD).
      await spool.publishBatch(compacted, [
        { key: 'a', envelope: probe(5) },
        { key: null, envelope: probe(6) },
        { key: 'b', envelope: probe(7) },
      ]);
      await spool.drainNow();
      await spool.publish(topic, 'k', probe(4));
      expect((await readAll(topic.name, 3)).map(numberOf)).toEqual([1, 3, 4]);
      expect((await readAll(compacted.name, 2)).map(numberOf)).toEqual([5, 7]);
      const [tooLarge] = await readAll(deadLetterSpecOf(topic.name).name, 1);
      expect(tooLarge && numberOf(tooLarge)).toBe(2);
      expect(readDeadLetter(tooLarge?.headers)).toMatchObject({
        originalTopic: topic.name,
        cause: 'refused_by_broker',
        reason: expect.stringMatching(/^MESSAGE_TOO_LARGE/),
      });
      const [invalid] = await readAll(deadLetterSpecOf(compacted.name).name, 1);
      expect(readDeadLetter(invalid?.headers)?.reason).toMatch(/^INVALID_RECORD/);
      expect(counter.total()).toBe(2);
    } finally {
      await spool.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives an existing dead-letter topic room for large records, keeping its other settings', async () => {
    const name = `test.dlq.existing.v1${suffix}.dlq`;
    topics.push(name);
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: name, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '86400000' }] },
      ],
    });
    await ensureTopics(kafka, [
      { name, partitions: 1, compacted: false, maxMessageBytes: DEAD_LETTER_MAX_MESSAGE_BYTES },
    ]);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    });
    const value = (config: string) =>
      resources[0]?.configEntries.find((e) => e.configName === config)?.configValue;
    expect(value('max.message.bytes')).toBe(String(DEAD_LETTER_MAX_MESSAGE_BYTES));
    expect(value('retention.ms')).toBe('86400000');
  });
});
