import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

const NUL = '\u0000';
const LONE = '\ud800';
const SOME_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

// Bad data from one admin caller: always a 400 naming the field, never a 500 (real PostgreSQL and ClickHouse).
describe('bad input on the admin API', () => {
  let admin: AdminTestApp;
  let settingId: string;

  beforeAll(async () => {
    admin = await startAdminTestApp({
      CLICKHOUSE_URL: infraEnv.clickhouseUrl,
      CLICKHOUSE_DATABASE: `tollgate_badinput_${uniqueSuffix()}`,
    });
    const setting = await admin.call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-bad-input' },
    });
    settingId = setting.body.id;
  });
  afterAll(() => admin?.close());

  const key = (fields: object) => ({
    name: 'k',
    key: `bad-input-key-${uniqueSuffix()}`,
    settingIds: [settingId],
    ...fields,
  });

  it.each([
    [
      'a NUL in a reporting filter',
      'POST',
      '/api/reporting/top-keys',
      { start: 0, end: 10, name: `a${NUL}` },
      'name',
    ],
    ['a NUL in a tag filter', 'POST', '/api/v2/key-management/keys', { tags: [`t${NUL}`] }, 'tags.0'],
    ['an unpaired surrogate in a user name', 'POST', '/api/users', { name: `ann${LONE}` }, 'name'],
    [
      'a NUL in an object key',
      'PUT',
      '/api/provider-settings',
      {
        provider: 'openai',
        setting: { apikey: 'sk' },
        costMap: { promptCostPerModel: { [`gpt${NUL}`]: 1 } },
      },
      'costMap.promptCostPerModel',
    ],
    [
      'a NUL in a policy regex',
      'POST',
      '/api/policies',
      { tags: ['t'], regexConfig: { rules: [{ definition: `a${NUL}`, action: 'block' }] } },
      'regexConfig.rules.0.definition',
    ],
    [
      'an unpaired low surrogate in an events filter',
      'POST',
      '/api/v2/events',
      { start: 0, end: 10, userIds: ['\udc00x'] },
      'userIds.0',
    ],
  ])('answers 400 to %s', async (_what, method, path, body, field) => {
    const res = await admin.call(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/validation', instance: path });
    expect(res.body.detail).toContain(field);
  });

  it('answers 400 to a NUL in a key created, and to an unpaired surrogate in its update', async () => {
    expect((await admin.call('PUT', '/api/key-management/keys', key({ name: `k${NUL}` }))).status).toBe(400);
    const created = await admin.call('PUT', '/api/key-management/keys', key({}));
    const patched = await admin.call('PATCH', `/api/key-management/keys/${created.body.keyId}`, {
      tags: [`x${LONE}`],
    });
    expect(patched.status).toBe(400);
    expect(patched.body.detail).toContain('tags.0');
  });

  it.each([
    ['GET', `/api/key-management/keys?tag=a%00b`, 'tag'],
    ['GET', `/api/users?userIds=%00`, 'userIds'],
    ['PATCH', `/api/users?userId=a%00&tags=x`, 'userId'],
    ['GET', `/api/reporting/custom-ids?keyId=%00`, 'keyId'],
    ['GET', `/api/events?customId=%00`, 'customId'],
    ['GET', `/api/pricing?model=gpt%00`, 'model'],
    ['PATCH', `/api/users/%00`, 'id'],
    ['GET', `/api/pricing/history/gpt%00`, 'model'],
  ])('answers 400 to a NUL in %s %s', async (method, path, field) => {
    const res = await admin.call(method, path, method === 'PATCH' ? { name: 'x' } : undefined);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/validation' });
    expect(res.body.detail).toContain(field);
  });

  it('answers 400 to a body nested deeper than any request needs', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    const res = await admin.call('POST', '/api/routes', { name: 'r', requestParams: deep });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('nested more than 32 levels');
  });

  it.each([
    ['a cost limit past a billion dollars', key({ costLimitInUsd: 4986762618265752 }), 'costLimitInUsd'],
    [
      'an in-flight cap past a PostgreSQL integer',
      key({ maxInFlightRequests: 2 ** 31 }),
      'maxInFlightRequests',
    ],
    ['a tag longer than an index entry holds', key({ tags: ['t'.repeat(3000)] }), 'tags.0'],
    ['a key longer than 512 characters', key({ key: 'k'.repeat(513), isKeyNotHashed: true }), 'key'],
  ])('answers 400 to %s', async (_what, body, field) => {
    const res = await admin.call('PUT', '/api/key-management/keys', body);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(field);
  });

  it('answers 400 to a user id longer than an index entry holds, and to a time past 2106', async () => {
    const user = await admin.call('POST', '/api/users', { name: 'u', userId: 'u'.repeat(3000) });
    expect(user.status).toBe(400);
    expect(user.body.detail).toContain('userId');
    const report = await admin.call('POST', '/api/reporting/events', {
      start: 0,
      end: 2 ** 33,
      increment: 2 ** 32,
    });
    expect(report.status).toBe(400);
    expect(report.body.detail).toContain('end');
  });

  it('answers top-keys filtered by ids that are not uuids with no keys, not a failed cast', async () => {
    const res = await admin.call('POST', '/api/reporting/top-keys', {
      start: 0,
      end: 10,
      keyIds: ['not-a-uuid'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dataPoints: [] });
  });

  it('answers 400 to a query parameter the endpoint does not take, or one that is not text', async () => {
    const typo = await admin.call('GET', '/api/users?userId=ann');
    expect(typo.status).toBe(400);
    expect(typo.body.detail).toContain('userId: unknown query parameter');
    const nested = await admin.call('GET', '/api/users?tags[a]=b');
    expect(nested.status).toBe(400);
    const strict = await admin.call('GET', '/api/users?userIds=ann&offset=0x10');
    expect(strict.status).toBe(400);
    expect(strict.body.detail).toContain('offset');
  });

  it('answers 405 with Allow to a method a documented path does not serve', async () => {
    const res = await fetch(`${await admin.url()}/api/routes`, {
      method: 'DELETE',
      headers: { 'x-api-key': 'x' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET');
    expect(await res.json()).toMatchObject({ status: 405, type: '/errors/method-not-allowed' });
    const history = await admin.call('PUT', '/api/pricing/history/gpt-4o', {
      provider: 'openai',
      input: 1,
      output: 1,
    });
    expect(history.status).toBe(405);
    expect((await admin.call('GET', `/api/routes/${SOME_ID}`)).status).toBe(404);
  });
});
