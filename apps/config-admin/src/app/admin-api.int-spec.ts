import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { hashKey } from './keys/key-hash';
import { AppModule } from './app.module';
import { ConfigAdminEnv } from './config';

// The admin API on a fresh PostgreSQL database, migrated by the app itself at boot.
describe('config-admin API (real PostgreSQL)', () => {
  const database = `tollgate_int_${uniqueSuffix()}`;
  const url = new URL(infraEnv.databaseUrl);
  url.pathname = `/${database}`;
  let app: INestApplication;
  let base: string;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
    const config = ConfigAdminEnv.parse({ DATABASE_URL: url.toString() });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  it('migrates the schema with numbered migrations, not synchronize', async () => {
    const rows = await withPg(url.toString(), (pg) =>
      pg.query<{ name: string }>('SELECT name FROM migrations'),
    );
    expect(rows.rows.map((r) => r.name)).toEqual(['InitialSchema1764000000000']);
  });

  it('creates a provider setting and never returns its secret', async () => {
    const res = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      name: 'main',
      setting: { apikey: 'sk-never-returned', url: 'http://127.0.0.1:9999' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      provider: 'openai',
      name: 'main',
      setting: { url: 'http://127.0.0.1:9999' },
    });
    expect(JSON.stringify(res.body)).not.toContain('sk-never-returned');
    expect(typeof res.body['createdAt']).toBe('number');
  });

  it('answers 400 naming the fields of an invalid provider setting', async () => {
    const res = await call('PUT', '/api/provider-settings', { provider: 'azure', setting: { apikey: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 400,
      type: '/errors/validation',
      instance: '/api/provider-settings',
    });
    expect(res.body['detail']).toContain('setting.resourceName');
  });

  it('creates a key stored as its sha256 hash', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const res = await call('PUT', '/api/key-management/keys', {
      name: 'k',
      key: 'my-secret-key',
      tags: ['a'],
      settingIds: [setting.body['id']],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'k',
      key: hashKey('my-secret-key'),
      tags: ['a'],
      revoked: false,
      settingIds: [setting.body['id']],
      settingId: setting.body['id'],
    });
  });

  it('answers 409 to a duplicate key without echoing it', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const key = { name: 'dup', key: 'duplicate-secret', settingIds: [setting.body['id']] };
    expect((await call('PUT', '/api/key-management/keys', key)).status).toBe(200);
    const again = await call('PUT', '/api/key-management/keys', key);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, type: '/errors/conflict' });
    expect(JSON.stringify(again.body)).not.toContain('duplicate-secret');
  });

  it('answers 400 to a key with empty tags, no setting, or an unknown setting', async () => {
    const noSetting = await call('PUT', '/api/key-management/keys', { name: 'x', key: 'y', tags: [''] });
    expect(noSetting.status).toBe(400);
    expect(noSetting.body['detail']).toContain('tags.0');
    expect(noSetting.body['detail']).toContain('settingIds');
    const unknown = await call('PUT', '/api/key-management/keys', {
      name: 'x',
      key: 'z',
      settingIds: ['6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
    });
    expect(unknown.status).toBe(400);
  });

  it('answers 400 in the error shape to malformed JSON', async () => {
    const res = await call('PUT', '/api/key-management/keys', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/json-unmarshal' });
  });

  it('answers 404 in the error shape to an unknown route', async () => {
    const res = await call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, type: '/errors/not-found', instance: '/api/nope' });
  });
});

async function withPg<T>(url: string, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}
