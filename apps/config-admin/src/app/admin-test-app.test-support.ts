// Test support, imported only by *.int-spec.ts: the admin app on a fresh PostgreSQL database. The name
// (*.test-support.ts) lets it use @tollgate/testing under lint and keeps it out of the app's build.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopicOf, type TopicSpec } from '@tollgate/contracts';
import { ensureTopics } from '@tollgate/platform-kafka';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import { AppModule } from './app.module';
import { ConfigAdminEnv } from './config';
import { REVOCATIONS_SOURCE, type RevocationsSource } from './revocations/revocations.consumer';

export { withPg };

export const TEST_ADMIN_PASS = 'int-admin-pass-0123456789';

export interface AdminTestApp {
  databaseUrl: string;
  // Where this app reads revocation requests: a topic and a group of its own, so it never takes the requests
  // of services running on the same broker (nor they its). Dead letters go to deadLetterTopicOf(topic).
  revocations: RevocationsSource;
  url(): Promise<string>;
  // Responses are checked with toMatchObject; `any` keeps those assertions readable.
  call(
    method: string,
    path: string,
    body?: unknown,
    adminPass?: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

// `env` adds to the test's variables (e.g. a ClickHouse database of the test's own).
export async function startAdminTestApp(env: Record<string, string> = {}): Promise<AdminTestApp> {
  const suffix = uniqueSuffix();
  const database = `tollgate_int_${suffix}`;
  const url = new URL(infraEnv.databaseUrl);
  url.pathname = `/${database}`;
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
  const revocations = await revocationsSourceOfItsOwn(suffix);
  const config = ConfigAdminEnv.parse({
    DATABASE_URL: url.toString(),
    KAFKA_BROKERS: infraEnv.kafkaBrokers.join(','),
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_PASS: TEST_ADMIN_PASS,
    // The tests' fake upstreams listen on loopback.
    UPSTREAM_ALLOW_HOSTS: '127.0.0.1',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(REVOCATIONS_SOURCE)
    .useValue(revocations)
    .compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  return {
    databaseUrl: url.toString(),
    revocations,
    url: () => Promise.resolve(base),
    async call(method, path, body, adminPass = TEST_ADMIN_PASS) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': adminPass },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {} };
    },
    async close() {
      await app.close();
      await withPg(infraEnv.databaseUrl, (pg) =>
        pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
      );
      await deleteTopics([revocations.topic, deadLetterTopicOf(revocations.topic)]);
    },
  };
}

const kafka = () =>
  new Kafka({ clientId: 'int-admin', brokers: infraEnv.kafkaBrokers, logLevel: logLevel.NOTHING });

async function revocationsSourceOfItsOwn(suffix: string): Promise<RevocationsSource> {
  const topic: TopicSpec = { name: `test.revocations.v1${suffix}`, partitions: 1, compacted: false };
  await ensureTopics(kafka(), [topic, { ...topic, name: deadLetterTopicOf(topic.name) }]);
  return { topic: topic.name, groupId: `int-admin.revocations.${suffix}` };
}

async function deleteTopics(topics: string[]): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
