// Test support, imported only by *.int-spec.ts: the admin app on a fresh PostgreSQL database. The name
// (*.test-support.ts) lets it use @tollgate/testing under lint and keeps it out of the app's build.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';

export { withPg };
import { AppModule } from './app.module';
import { ConfigAdminEnv } from './config';

export const TEST_ADMIN_PASS = 'int-admin-pass';

export interface AdminTestApp {
  databaseUrl: string;
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
  const database = `tollgate_int_${uniqueSuffix()}`;
  const url = new URL(infraEnv.databaseUrl);
  url.pathname = `/${database}`;
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
  const config = ConfigAdminEnv.parse({
    DATABASE_URL: url.toString(),
    KAFKA_BROKERS: infraEnv.kafkaBrokers.join(','),
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_PASS: TEST_ADMIN_PASS,
    ...env,
  });
  const app: INestApplication = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  return {
    databaseUrl: url.toString(),
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
    },
  };
}
