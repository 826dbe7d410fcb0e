import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigChangedV1Schema,
  deadLetterTopicOf,
  makeEnvelope,
  REVOCATION_REQUESTED_TYPE,
  revocationRequestedV1Fixtures,
  RevocationRequestedV1Schema,
  Topics,
  type ConfigChangedV1,
  type RevocationRequestedV1Payload,
  type TopicSpec,
} from '@tollgate/contracts';
import { KafkaEventPublisher } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, withPg } from '@tollgate/testing';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

// auth-limit's revocation requests through config-admin's consumer, on real Kafka and PostgreSQL: the app reads
// a request topic of its own (see startAdminTestApp); its config changes go to the real config topic.
describe('RevocationsConsumer (real Kafka and PostgreSQL)', () => {
  const kafka = new Kafka({
    clientId: 'int-revocations',
    brokers: infraEnv.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const publisher = new KafkaEventPublisher(kafka);
  const producer = kafka.producer();
  const consumers: Consumer[] = [];
  const configChanges = new Map<string, ConfigChangedV1[]>();
  const deadLetters: KafkaMessage[] = [];
  let admin: AdminTestApp;
  let requests: TopicSpec;
  let settingId = '';

  // Every message of a topic from its beginning, through a group of this run's own.
  const watch = async (topic: string, onMessage: (message: KafkaMessage) => void) => {
    const consumer = kafka.consumer({ groupId: `int-revocations.watch.${randomUUID()}` });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => onMessage(message) });
  };
  // A request as auth-limit sends it: the fixture's shape, parsed by the contract schema.
  const request = (payload: RevocationRequestedV1Payload, eventId: string = randomUUID()) =>
    RevocationRequestedV1Schema.parse({
      ...makeEnvelope({ type: REVOCATION_REQUESTED_TYPE, version: 1, producer: 'auth-limit', payload }),
      eventId,
    });
  const send = async (...envelopes: ReturnType<typeof request>[]) => {
    for (const envelope of envelopes) await publisher.publish(requests, envelope.payload.id, envelope);
  };
  const createKey = async (fields: Record<string, unknown> = {}) => {
    const res = await admin.call('PUT', '/api/key-management/keys', {
      name: 'revocable',
      key: `tg-${randomUUID()}`,
      settingIds: [settingId],
      ...fields,
    });
    expect(res.status).toBe(200);
    return String(res.body.keyId);
  };
  const getKey = async (keyId: string) =>
    (await admin.call('GET', `/api/key-management/keys?keyIds=${keyId}`)).body[0] as {
      revoked: boolean;
      revokedReason: string;
    };
  const storedVersion = async (table: 'keys' | 'users', id: string) =>
    withPg(admin.databaseUrl, async (pg) => {
      const column = table === 'keys' ? 'key_id' : 'id';
      const rows = await pg.query<{ version: number }>(`SELECT version FROM ${table} WHERE ${column} = $1`, [
        id,
      ]);
      return rows.rows[0]?.version;
    });
  // Requests are applied in order (one partition): once a later key is revoked, every earlier request is done.
  const drain = async () => {
    const sentinel = await createKey({ costLimitInUsd: 1 });
    await send(request({ entity: 'key', id: sentinel, reason: 'cost_limit_exhausted' }));
    await expectEventually(async () => expect((await getKey(sentinel)).revoked).toBe(true));
  };

  beforeAll(async () => {
    admin = await startAdminTestApp();
    requests = { name: admin.revocations.topic, partitions: 1, compacted: false };
    await producer.connect();
    settingId = String(
      (await admin.call('PUT', '/api/provider-settings', { provider: 'openai', setting: { apikey: 'sk-1' } }))
        .body.id,
    );
    await watch(Topics.configChanged.name, (message) => {
      const parsed = ConfigChangedV1Schema.safeParse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
      const key = message.key?.toString('utf8') ?? '';
      if (parsed.success)
        configChanges.set(key, [...(configChanges.get(key) ?? []), parsed.data as ConfigChangedV1]);
    });
    await watch(deadLetterTopicOf(requests.name), (message) => void deadLetters.push(message));
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.disconnect();
    await producer.disconnect();
    await publisher.disconnect();
    await admin?.close();
  });

  it('parses the contract fixtures it consumes', () => {
    for (const fixture of Object.values(revocationRequestedV1Fixtures))
      expect(RevocationRequestedV1Schema.parse(fixture)).toEqual(fixture);
  });

  it('revokes a key asked for by event as the admin API would: reason, version, change pushed to the readers', async () => {
    const keyId = await createKey({ costLimitInUsd: 0.0001 });
    const { payload } = revocationRequestedV1Fixtures.keyCostLimitExhausted;
    await send(request({ ...payload, id: keyId }));
    await expectEventually(async () =>
      expect(await getKey(keyId)).toMatchObject({ revoked: true, revokedReason: 'cost_limit_exhausted' }),
    );
    expect(await storedVersion('keys', keyId)).toBe(2);
    // The outbox row of the change, relayed to the compacted config topic every proxy and auth-limit read.
    await expectEventually(() =>
      expect(configChanges.get(`key:${keyId}`)?.at(-1)?.payload).toMatchObject({
        entity: 'key',
        id: keyId,
        version: 2,
        data: { keyId, revoked: true, revokedReason: 'cost_limit_exhausted' },
      }),
    );
    await expectEventually(async () => {
      const outbox = await withPg(admin.databaseUrl, (pg) =>
        pg.query<{ n: string }>('SELECT count(*) AS n FROM config_outbox'),
      );
      expect(outbox.rows[0]?.n).toBe('0');
    });
  });

  it('applies a request once: a redelivery after the admin restored the key, and a request for a revoked key, change nothing', async () => {
    const keyId = await createKey({ costLimitInUsd: 0.0001 });
    const first = request({ entity: 'key', id: keyId, reason: 'cost_limit_exhausted' });
    await send(first);
    await expectEventually(async () => expect((await getKey(keyId)).revoked).toBe(true));
    // Another request while it is revoked: nothing to do.
    await send(request({ entity: 'key', id: keyId, reason: 'cost_limit_exhausted' }));
    await drain();
    expect(await storedVersion('keys', keyId)).toBe(2);
    // The admin restores it; then Kafka redelivers the first request (a crash before its offset was committed).
    const restored = await admin.call('PATCH', `/api/key-management/keys/${keyId}`, { revoked: false });
    expect(restored.body).toMatchObject({ revoked: false, revokedReason: '' });
    await send(first);
    await drain();
    expect(await getKey(keyId)).toMatchObject({ revoked: false, revokedReason: '' });
    expect(await storedVersion('keys', keyId)).toBe(3);
    await expectEventually(() =>
      expect(configChanges.get(`key:${keyId}`)?.map((c) => c.payload.version)).toEqual([1, 2, 3]),
    );
  });

  it('revokes a user whose ttl has run out as "expired", and not a key whose ttl has not', async () => {
    const user = await admin.call('POST', '/api/users', { name: 'ann', ttl: '1s' });
    expect(user.status).toBe(200);
    const unexpired = await createKey({ ttl: '24h' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await send(
      request({ ...revocationRequestedV1Fixtures.userExpired.payload, id: String(user.body.id) }),
      // A stale request (a read model that lagged): the stored key runs for another day.
      request({ entity: 'key', id: unexpired, reason: 'expired' }),
    );
    await expectEventually(async () =>
      expect(
        (await admin.call('GET', `/api/users?userIds=${String(user.body.userId)}`)).body[0],
      ).toMatchObject({
        revoked: true,
        revokedReason: 'expired',
      }),
    );
    expect(await storedVersion('users', String(user.body.id))).toBe(2);
    await drain();
    expect((await getKey(unexpired)).revoked).toBe(false);
  });

  it('sends a malformed request to the dead-letter topic and goes on consuming', async () => {
    const keyId = await createKey({ costLimitInUsd: 0.0001 });
    const unknownReason = { ...request({ entity: 'key', id: keyId, reason: 'expired' }) };
    await producer.send({
      topic: requests.name,
      messages: [
        { key: 'broken', value: '{not json' },
        {
          key: keyId,
          value: JSON.stringify({ ...unknownReason, payload: { ...unknownReason.payload, reason: 'bored' } }),
        },
      ],
    });
    await send(request({ entity: 'key', id: keyId, reason: 'cost_limit_exhausted' }));
    await expectEventually(async () =>
      expect(await getKey(keyId)).toMatchObject({ revoked: true, revokedReason: 'cost_limit_exhausted' }),
    );
    await expectEventually(() =>
      expect(deadLetters.map((m) => m.value?.toString('utf8'))).toEqual([
        '{not json',
        expect.stringContaining('"reason":"bored"'),
      ]),
    );
  });
});
