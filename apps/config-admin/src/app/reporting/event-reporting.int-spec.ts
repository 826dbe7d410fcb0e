import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

// BricksLLM's reporting and events endpoints against real PostgreSQL and ClickHouse (databases of the test's
// own, migrated by the services' own files). Every expected number is computed here from the events sent.
interface Sent {
  event_id: string;
  created_at: number;
  key_id: string;
  tags: string[];
  model: string;
  status: number;
  latency_ms: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_nano_usd: number;
  cost_micro_usd: number;
  user_id: string;
  custom_id: string;
  policy_id: string;
  pii_action: string;
  pii_entities: string[];
  route_id: string;
  route_step: number;
  cache: string;
}

const T0 = 1_764_000_000 - (1_764_000_000 % 60); // a whole minute
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
// The gateway's percentile: the value at position floor(level × n) of the sorted latencies.
const percentile = (xs: number[], level: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))] ?? 0;
};

describe('reporting and events API (real PostgreSQL and ClickHouse)', () => {
  const clickhouseOptions = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let clickhouse: ClickHouseClient;
  let admin: AdminTestApp;
  const sent: Sent[] = [];
  let keyA = '';
  let keyB = '';
  let keyIdle = '';

  beforeAll(async () => {
    await ensureDatabase(clickhouseOptions);
    clickhouse = createClickHouse(clickhouseOptions);
    await migrateClickHouse(
      clickhouse,
      join(import.meta.dirname, '../../../../analytics-ingester/migrations'),
    );
    admin = await startAdminTestApp({ CLICKHOUSE_DATABASE: clickhouseOptions.database });
    const setting = await admin.call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const key = async (name: string, tags: string[]) =>
      String(
        (
          await admin.call('PUT', '/api/key-management/keys', {
            name,
            key: `${name}-${randomUUID()}`,
            tags,
            settingIds: [setting.body['id']],
          })
        ).body['keyId'],
      );
    keyA = await key('alpha', ['team-a']);
    keyB = await key('beta', ['team-b']);
    keyIdle = await key('idle', ['team-a']);
    // 40 events over 4 minutes: two keys, two models, users and custom ids, some failures; one before T0.
    for (let i = 0; i < 40; i++) {
      const onA = i % 3 !== 0;
      sent.push({
        event_id: randomUUID(),
        created_at: T0 + i * 6,
        key_id: onA ? keyA : keyB,
        tags: onA ? ['team-a'] : ['team-b'],
        model: i % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
        status: i % 7 === 0 ? 500 : 200,
        latency_ms: 100 + ((i * 37) % 400),
        prompt_tokens: 10 + i,
        completion_tokens: 2 * i,
        // Fractions of a micro-dollar too: every figure is exact in nano-dollars.
        cost_nano_usd: 1_000_000 + 17_160 * i,
        cost_micro_usd: Math.round((1_000_000 + 17_160 * i) / 1000),
        user_id: i % 4 === 0 ? 'ann' : i % 4 === 1 ? 'bob' : '',
        custom_id: i % 5 === 0 ? `run-${i % 10}` : '',
        // Every other event ran under a PII policy: alternately redacted and blocked.
        policy_id: i % 2 === 1 ? 'pol-1' : '',
        pii_action: i % 2 === 1 ? (i % 4 === 1 ? 'redacted' : 'blocked') : '',
        pii_entities: i % 2 === 1 ? ['email'] : [],
        // Every eighth request was served by a route, its second step answering from the cache.
        route_id: i % 8 === 0 ? 'route-1' : '',
        route_step: i % 8 === 0 ? 1 : -1,
        cache: i % 8 === 0 ? 'hit' : '',
      });
    }
    const early = sent[1];
    if (early) sent.push({ ...early, event_id: randomUUID(), created_at: T0 - 600 });
    await clickhouse.insert({ table: 'request_events', values: sent, format: 'JSONEachRow' });
  });

  afterAll(async () => {
    await admin?.close();
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${clickhouseOptions.database}` });
    await clickhouse.close();
  });

  const inRange = (start: number, end: number) =>
    sent.filter((e) => e.created_at >= start && e.created_at < end);

  it('POST /api/reporting/events: data points per increment, grouped, with exact percentiles of the range', async () => {
    const start = T0;
    const end = T0 + 240;
    const res = await admin.call('POST', '/api/reporting/events', {
      start,
      end,
      increment: 60,
      keyIds: [keyA],
      filters: ['model'],
    });
    expect(res.status).toBe(200);
    const events = inRange(start, end).filter((e) => e.key_id === keyA);
    const expected = [];
    for (let t = start; t <= end; t += 60) {
      const bucket = events.filter((e) => e.created_at >= t && e.created_at < t + 60);
      const models = [...new Set(bucket.map((e) => e.model))].sort();
      if (models.length === 0) expected.push({ timeStamp: t, numberOfRequests: 0, model: '' });
      for (const model of models) {
        const rows = bucket.filter((e) => e.model === model);
        expected.push({
          timeStamp: t,
          numberOfRequests: rows.length,
          costInUsd: sum(rows.map((e) => e.cost_nano_usd)) / 1e9,
          latencyInMs: sum(rows.map((e) => e.latency_ms)),
          promptTokenCount: sum(rows.map((e) => e.prompt_tokens)),
          completionTokenCount: sum(rows.map((e) => e.completion_tokens)),
          successCount: rows.filter((e) => e.status === 200).length,
          model,
        });
      }
    }
    expect(res.body.dataPoints).toHaveLength(expected.length);
    expected.forEach((point, i) => expect(res.body.dataPoints[i]).toMatchObject(point));
    // Percentiles over exactly this range and these filters (BricksLLM ignores the range without tags/keys).
    expect(res.body.latencyInMsMedian).toBe(
      percentile(
        events.map((e) => e.latency_ms),
        0.5,
      ),
    );
    expect(res.body.latencyInMs99th).toBe(
      percentile(
        events.map((e) => e.latency_ms),
        0.99,
      ),
    );
  });

  it('POST /api/reporting/events filters by tags, custom and user ids, and groups by user', async () => {
    const res = await admin.call('POST', '/api/reporting/events', {
      start: T0,
      end: T0 + 240,
      increment: 240,
      tags: ['team-a'],
      userIds: ['ann', 'bob'],
      filters: ['userId'],
    });
    const events = inRange(T0, T0 + 240).filter(
      (e) => e.tags.includes('team-a') && ['ann', 'bob'].includes(e.user_id),
    );
    for (const user of ['ann', 'bob']) {
      const rows = events.filter((e) => e.user_id === user);
      expect(res.body.dataPoints).toContainEqual(
        expect.objectContaining({
          timeStamp: T0,
          userId: user,
          numberOfRequests: rows.length,
          costInUsd: sum(rows.map((e) => e.cost_nano_usd)) / 1e9,
        }),
      );
    }
    const custom = await admin.call('POST', '/api/reporting/events', {
      start: T0,
      end: T0 + 240,
      increment: 240,
      customIds: ['run-0'],
    });
    expect(custom.body.dataPoints[0].numberOfRequests).toBe(
      inRange(T0, T0 + 240).filter((e) => e.custom_id === 'run-0').length,
    );
  });

  it('POST /api/reporting/top-keys: keys by spend in the range, idle keys at 0', async () => {
    const res = await admin.call('POST', '/api/reporting/top-keys', {
      start: T0,
      end: T0 + 240,
      tags: ['team-a'],
    });
    expect(res.status).toBe(200);
    const spendA =
      sum(
        inRange(T0, T0 + 240)
          .filter((e) => e.key_id === keyA)
          .map((e) => e.cost_nano_usd),
      ) / 1e9;
    expect(res.body.dataPoints).toEqual([
      { keyId: keyA, costInUsd: spendA },
      { keyId: keyIdle, costInUsd: 0 },
    ]);
    const asc = await admin.call('POST', '/api/reporting/top-keys', {
      start: T0,
      end: T0 + 240,
      keyIds: [keyA, keyB],
      order: 'asc',
      limit: 1,
    });
    const spendB =
      sum(
        inRange(T0, T0 + 240)
          .filter((e) => e.key_id === keyB)
          .map((e) => e.cost_nano_usd),
      ) / 1e9;
    expect(asc.body.dataPoints).toEqual([
      { keyId: spendA < spendB ? keyA : keyB, costInUsd: Math.min(spendA, spendB) },
    ]);
  });

  it('GET /api/events by key and range, custom id or user id, in BricksLLM’s event shape', async () => {
    const res = await admin.call('GET', `/api/events?keyIds=${keyB}&start=${T0}&end=${T0 + 240}`);
    expect(res.status).toBe(200);
    const expected = inRange(T0, T0 + 240).filter((e) => e.key_id === keyB);
    expect(res.body.map((e: { id: string }) => e.id)).toEqual(expected.map((e) => e.event_id));
    expect(res.body[0]).toMatchObject({
      key_id: keyB,
      created_at: expected[0]?.created_at,
      cost_in_usd: (expected[0]?.cost_nano_usd ?? 0) / 1e9,
      cost_in_micro_usd: (expected[0]?.cost_nano_usd ?? 0) / 1e3,
      cost_in_nano_usd: expected[0]?.cost_nano_usd,
      prompt_token_count: expected[0]?.prompt_tokens,
      latency_in_ms: expected[0]?.latency_ms,
    });
    // BricksLLM's mixed-case names for these, exactly.
    expect(Object.keys(res.body[0] as object)).toEqual(
      expect.arrayContaining(['userId', 'action', 'policyId', 'routeId', 'correlationId', 'metadata']),
    );
    expect(res.body[0]).not.toHaveProperty('user_id');
    const byUser = await admin.call('GET', '/api/events?userId=ann');
    expect(byUser.body).toHaveLength(sent.filter((e) => e.user_id === 'ann').length);
    // Ann's events ran under no policy; some were served by a route.
    const first = sent.find((e) => e.event_id === (byUser.body[0] as { id: string }).id);
    expect(byUser.body[0]).toMatchObject({
      userId: 'ann',
      action: '',
      policyId: '',
      routeId: first?.route_id,
    });
  });

  it('GET and POST /api/v2/events: filters, cost order, paging and count', async () => {
    const body = {
      start: T0,
      end: T0 + 240,
      keyIds: [keyA],
      costOrder: 'desc',
      limit: 5,
      offset: 2,
      returnCount: true,
    };
    const res = await admin.call('POST', '/api/v2/events', body);
    expect(res.status).toBe(200);
    const expected = inRange(T0, T0 + 240)
      .filter((e) => e.key_id === keyA)
      .sort((a, b) => b.cost_nano_usd - a.cost_nano_usd);
    expect(res.body.count).toBe(expected.length);
    expect(res.body.events.map((e: { id: string }) => e.id)).toEqual(
      expected.slice(2, 7).map((e) => e.event_id),
    );
    const viaGet = await admin.call(
      'GET',
      `/api/v2/events?start=${T0}&end=${T0 + 240}&keyIds=${keyA}&costOrder=desc&limit=5&offset=2&returnCount=true`,
    );
    expect(viaGet.body).toEqual(res.body);
    const failed = await admin.call('POST', '/api/v2/events', { start: T0, end: T0 + 240, status: 500 });
    expect(failed.body.events).toHaveLength(inRange(T0, T0 + 240).filter((e) => e.status === 500).length);
    // As BricksLLM: count is always there, 0 unless returnCount asked for it.
    expect(failed.body.count).toBe(0);
  });

  it('POST /api/v2/events filters on policyIds and actions, and returns policyId and action', async () => {
    const range = inRange(T0, T0 + 240);
    const ids = (res: { body: { events: { id: string }[] } }) => res.body.events.map((e) => e.id).sort();
    const byPolicy = await admin.call('POST', '/api/v2/events', {
      start: T0,
      end: T0 + 240,
      policyIds: ['pol-1'],
      limit: 1000,
    });
    expect(ids(byPolicy)).toEqual(
      range
        .filter((e) => e.policy_id === 'pol-1')
        .map((e) => e.event_id)
        .sort(),
    );
    const blocked = await admin.call('POST', '/api/v2/events', {
      start: T0,
      end: T0 + 240,
      actions: ['blocked'],
      limit: 1000,
    });
    expect(ids(blocked)).toEqual(
      range
        .filter((e) => e.pii_action === 'blocked')
        .map((e) => e.event_id)
        .sort(),
    );
    expect(blocked.body.events[0]).toMatchObject({ policyId: 'pol-1', action: 'blocked' });
    const viaGet = await admin.call('GET', `/api/v2/events?start=${T0}&end=${T0 + 240}&actions=redacted`);
    expect(viaGet.body.events.length).toBe(range.filter((e) => e.pii_action === 'redacted').length);
  });

  it('GET and POST /api/v2/events filter by routeIds and report the step and the cache', async () => {
    const routed = inRange(T0, T0 + 240).filter((e) => e.route_id === 'route-1');
    expect(routed.length).toBeGreaterThan(0);
    const res = await admin.call('POST', '/api/v2/events', {
      start: T0,
      end: T0 + 240,
      routeIds: ['route-1'],
    });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { id: string }) => e.id).sort()).toEqual(
      routed.map((e) => e.event_id).sort(),
    );
    expect(res.body.events[0]).toMatchObject({ routeId: 'route-1', routeStep: 1, cache: 'hit' });
    const viaGet = await admin.call('GET', `/api/v2/events?start=${T0}&end=${T0 + 240}&routeIds=route-1`);
    expect(viaGet.body.events).toHaveLength(routed.length);
    const other = await admin.call('POST', '/api/v2/events', { start: T0, end: T0 + 240, keyIds: [keyB] });
    expect(other.body.events.filter((e: { routeId: string }) => e.routeId === '')[0]).toMatchObject({
      routeStep: null,
      cache: null,
    });
  });

  it('GET /api/reporting/users-ids and custom-ids: distinct values seen with a key', async () => {
    const users = await admin.call('GET', `/api/reporting/users-ids?keyId=${keyA}`);
    expect(users.body).toEqual(
      [...new Set(sent.filter((e) => e.key_id === keyA && e.user_id).map((e) => e.user_id))].sort(),
    );
    const alias = await admin.call('GET', `/api/reporting/user-ids?keyId=${keyA}`);
    expect(alias.body).toEqual(users.body);
    const customs = await admin.call('GET', `/api/reporting/custom-ids?keyId=${keyB}`);
    expect(customs.body).toEqual(
      [...new Set(sent.filter((e) => e.key_id === keyB && e.custom_id).map((e) => e.custom_id))].sort(),
    );
  });

  it.each([
    ['POST', '/api/reporting/events', { start: 10, end: 5, increment: 60 }, ['start']],
    [
      'POST',
      '/api/reporting/events',
      { start: 0, end: 10, increment: 0, filters: ['color'] },
      ['increment', 'filters'],
    ],
    ['POST', '/api/reporting/top-keys', { start: 'yesterday' }, ['start', 'end']],
    ['GET', '/api/events', undefined, ['filters']],
    ['GET', `/api/events?keyIds=x`, undefined, ['start']],
    ['POST', '/api/v2/events', { start: 0, end: 10, costOrder: 'asc', dateOrder: 'desc' }, ['costOrder']],
    ['GET', '/api/reporting/custom-ids', undefined, ['keyId']],
    ['POST', '/api/reporting/events-by-day', { keyIds: ['k'] }, ['start', 'end']],
    ['POST', '/api/reporting/events-by-day', { start: 200, end: 100 }, ['start']],
  ])('%s %s answers 400 naming the bad fields', async (method, path, body, fields) => {
    const res = await admin.call(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/validation' });
    for (const field of fields) expect(res.body.detail).toContain(field);
  });

  it('keeps a hostile value inside its literal', async () => {
    const res = await admin.call(
      'GET',
      `/api/reporting/custom-ids?keyId=${encodeURIComponent("x' OR '1'='1")}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  // Last: it adds events of its own, ten days after the others, around a UTC midnight.
  it('POST /api/reporting/events-by-day: per key and UTC day, the days that start in [start, end)', async () => {
    const day = 86_400;
    const midnight = (Math.floor(T0 / day) + 10) * day;
    const [keyC, keyD] = [randomUUID(), randomUUID()];
    const at = (created_at: number, key_id: string, i: number): Sent => ({
      ...(sent[0] as Sent),
      event_id: randomUUID(),
      created_at,
      key_id,
      status: i === 1 ? 429 : 200,
      latency_ms: 100 * (i + 1),
      prompt_tokens: i + 1,
      completion_tokens: 10 * (i + 1),
      cost_nano_usd: 1_000_000 * (i + 1),
    });
    const extra = [
      at(midnight - 1, keyC, 0), // the day before
      at(midnight, keyC, 1),
      at(midnight + day - 1, keyC, 2),
      at(midnight + 5, keyD, 3),
      at(midnight + day, keyC, 4), // the day after
    ];
    await clickhouse.insert({ table: 'request_events', values: extra, format: 'JSONEachRow' });
    sent.push(...extra);

    const res = await admin.call('POST', '/api/reporting/events-by-day', {
      start: midnight,
      end: midnight + 2 * day,
      keyIds: [keyC, keyD],
    });
    expect(res.status).toBe(200);
    const point = (timeStamp: number, keyId: string, rows: Sent[]) => ({
      timeStamp,
      numberOfRequests: rows.length,
      costInUsd: sum(rows.map((e) => e.cost_nano_usd)) / 1e9,
      latencyInMs: sum(rows.map((e) => e.latency_ms)),
      promptTokenCount: sum(rows.map((e) => e.prompt_tokens)),
      completionTokenCount: sum(rows.map((e) => e.completion_tokens)),
      successCount: rows.filter((e) => e.status === 200).length,
      model: '',
      keyId,
      customId: '',
      userId: '',
    });
    const [, c1, c2, d1, c3] = extra as [Sent, Sent, Sent, Sent, Sent];
    const firstDay = [point(midnight, keyC, [c1, c2]), point(midnight, keyD, [d1])].sort((a, b) =>
      a.keyId.localeCompare(b.keyId),
    );
    expect(res.body.dataPoints).toEqual([...firstDay, point(midnight + day, keyC, [c3])]);
    const latencies = [c1, c2, d1, c3].map((e) => e.latency_ms);
    expect(res.body.latencyInMsMedian).toBe(percentile(latencies, 0.5));
    expect(res.body.latencyInMs99th).toBe(percentile(latencies, 0.99));

    // A start inside a day leaves that day out, whole; an end inside a day keeps the day that began before it.
    const inside = await admin.call('POST', '/api/reporting/events-by-day', {
      start: midnight - 10,
      end: midnight + 1,
      keyIds: [keyC],
    });
    expect(inside.body.dataPoints).toEqual([point(midnight, keyC, [c1, c2])]);
    const none = await admin.call('POST', '/api/reporting/events-by-day', {
      start: midnight + 1,
      end: midnight + day,
      keyIds: [keyC],
    });
    expect(none.body).toEqual({ dataPoints: [], latencyInMsMedian: 0, latencyInMs99th: 0 });
  });
});
