import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  Topics,
  requestCompletedV1Fixtures,
} from '@tollgate/contracts';
import { FileSpool, SpoolingPublisher } from '@tollgate/platform-bus';
import { ensureTopics, KafkaEventPublisher } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, uniqueSuffix } from '@tollgate/testing';

// Usage events while Kafka cannot be reached: the proxy's publisher spools them on disk, and a restarted
// publisher that reaches the real broker sends every one of them.
describe('usage spool (real Kafka)', () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('keeps events through an outage and a restart, then delivers all of them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-spool-int-'));
    const events = [1, 2, 3].map(() =>
      makeEnvelope({
        type: REQUEST_COMPLETED_TYPE,
        version: 1,
        producer: 'proxy-edge',
        payload: { ...requestCompletedV1Fixtures.chatSuccess.payload, customId: `spool-${uniqueSuffix()}` },
      }),
    );

    // Kafka unreachable: nothing listens on this port.
    const unreachable = new Kafka({
      clientId: 'spool-int',
      brokers: ['127.0.0.1:1'],
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const downBus = new KafkaEventPublisher(unreachable);
    const during = new SpoolingPublisher(downBus, new FileSpool(dir, 10_000_000), {
      sendTimeoutMs: 1_000,
      drainIntervalMs: 60_000,
    });
    await during.start();
    for (const event of events) await during.publish(Topics.requestCompleted, 'k', event);
    await during.stop();
    expect(await new FileSpool(dir, 10_000_000).size()).toBeGreaterThan(0);

    // The edge restarts and Kafka is back: the spool drains into the real topic.
    const kafka = new Kafka({
      clientId: 'spool-int',
      brokers: infraEnv.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    // As the services do at start: on a fresh broker no suite may have created the topic yet.
    await ensureTopics(kafka, [Topics.requestCompleted]);
    const upBus = new KafkaEventPublisher(kafka);
    const after = new SpoolingPublisher(upBus, new FileSpool(dir, 10_000_000), {
      sendTimeoutMs: 5_000,
      drainIntervalMs: 60_000,
    });
    const consumer = kafka.consumer({ groupId: `spool-int.${uniqueSuffix()}` });
    const seen = new Set<string>();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.requestCompleted.name, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const eventId = (JSON.parse(message.value?.toString() ?? '{}') as { eventId?: string }).eventId;
          if (eventId) seen.add(eventId);
        },
      });
      await after.start();
      await expectEventually(() => expect(events.every((e) => seen.has(e.eventId))).toBe(true), {
        timeoutMs: 30_000,
      });
      expect(await new FileSpool(dir, 10_000_000).size()).toBe(0);
    } finally {
      await after.stop();
      await consumer.disconnect();
      await upBus.disconnect();
    }
  });
});
