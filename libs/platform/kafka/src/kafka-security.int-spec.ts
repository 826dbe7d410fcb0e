import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { infraEnv } from '@tollgate/testing';
import { createKafka, kafkaSecurityOf, type KafkaSecurityEnv } from './kafka.client';
import { ensureTopics } from './topic-provisioner';

// The services' Kafka client against a listener as managed Kafkas offer it: TLS (a certificate trusted only
// through KAFKA_SSL_CA_FILE) and SASL PLAIN, on the test broker scripts/infra starts.
describe('Kafka over TLS and SASL (real broker)', () => {
  const { brokers, caFile, username, password } = infraEnv.kafkaSaslSsl;
  const secured: KafkaSecurityEnv = {
    KAFKA_SSL: true,
    KAFKA_SSL_CA_FILE: caFile,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  };
  const clientOf = (env: KafkaSecurityEnv): Kafka =>
    createKafka({ brokers, clientId: 'int-kafka-security', security: kafkaSecurityOf(env) });
  const topic = { name: `int.kafka-security.${randomUUID()}`, partitions: 1, compacted: false };
  const kafka = clientOf(secured);

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('provisions a topic, produces and consumes through the secured listener', async () => {
    await ensureTopics(kafka, [topic]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topic.name, messages: [{ key: 'k', value: 'over TLS and SASL' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: `int-kafka-security.${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: topic.name, fromBeginning: true });
    const received = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    await consumer.disconnect();
    expect(received).toBe('over TLS and SASL');
  });

  it('is refused with a wrong password', async () => {
    const admin = clientOf({ ...secured, KAFKA_SASL_PASSWORD: 'not-the-password' }).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it('does not trust the broker’s self-signed certificate without the CA file', async () => {
    const admin = clientOf({ ...secured, KAFKA_SSL_CA_FILE: undefined }).admin();
    await expect(admin.connect()).rejects.toThrow(/certificate/i);
  });
});
