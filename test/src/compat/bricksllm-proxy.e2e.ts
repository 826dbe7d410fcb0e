import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi, E2E_ADMIN_PASS } from '../support/admin-api';
import { callJson, fieldsOf } from '../support/http-json';
import { msUntil } from '../support/key-probe';
import { COMPAT_ADMIN_ORIGIN } from '../support/compat-env';

// BricksLLM's proxy (:8002) and reporting driven as its README, API reference and behaviour show them: the
// status code of each situation in BricksLLM's status table (behaviour §3.6), the provider's error shape,
// CORS, and the events and reports of the requests made here. Where Tollgate deliberately differs
// (docs/adr/0003) the test says so and asserts our answer.
const EVENT_FIELDS = [
  'id',
  'created_at',
  'tags',
  'key_id',
  'cost_in_usd',
  'model',
  'provider',
  'status',
  'prompt_token_count',
  'completion_token_count',
  'latency_in_ms',
  'path',
  'method',
  'custom_id',
  'request',
  'response',
  'userId',
  'action',
  'policyId',
  'routeId',
  'correlationId',
  'metadata',
];
const DATA_POINT_FIELDS = [
  'timeStamp',
  'numberOfRequests',
  'costInUsd',
  'latencyInMs',
  'promptTokenCount',
  'completionTokenCount',
  'successCount',
  'model',
  'keyId',
  'customId',
  'userId',
];
const README_CHAT = { model: 'gpt-3.5-turbo', messages: [{ role: 'system', content: 'hi' }] };
const CHAT_PATH = '/api/providers/openai/v1/chat/completions';

describe('BricksLLM compatibility: proxy (:8002) and reporting', () => {
  const gateway = inject('gateway');
  const adminApi = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  const suffix = randomBytes(4).toString('hex');
  const tag = `compat-${suffix}`;
  const secret = (name: string) => `compat-${name}-${randomUUID()}`;
  const keys = { main: secret('main'), rate: secret('rate'), path: secret('path'), model: secret('model') };
  const keyIds: Record<string, string> = {};
  let settingId = '';
  const started = Math.floor(Date.now() / 1000);
  const proxy = (method: string, path: string, key: string | null, body?: unknown, headers = {}) =>
    callJson(`${gateway.proxyUrl}${path}`, method, {
      body,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
    });
  const admin = (method: string, path: string, body?: unknown) =>
    callJson(`${gateway.adminUrl}${path}`, method, { body, headers: { 'X-API-KEY': E2E_ADMIN_PASS } });

  beforeAll(async () => {
    await upstream.start();
    const openai = await adminApi.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-compat-up', url: upstream.baseUrl },
    });
    const narrow = await adminApi.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-compat-up', url: upstream.baseUrl },
      allowedModels: ['gpt-4o-mini'],
    });
    settingId = openai.id;
    const key = async (name: keyof typeof keys, body: Record<string, unknown>) => {
      const created = await adminApi.createKey({ name, key: keys[name], tags: [tag], ...body });
      keyIds[name] = created.keyId;
    };
    await key('main', { settingIds: [openai.id], shouldLogRequest: true, shouldLogResponse: true });
    // README step 5's limit: 2 requests a minute.
    await key('rate', { settingIds: [openai.id], rateLimitOverTime: 2, rateLimitUnit: 'm' });
    await key('path', {
      settingIds: [openai.id],
      allowedPaths: [{ path: '/api/providers/openai/v1/embeddings', method: 'POST' }],
    });
    await key('model', { settingIds: [narrow.id] });
    for (const k of Object.values(keys)) await msUntil(gateway.proxyUrl, k, 'accepted');
  });

  afterAll(() => upstream.stop());

  describe('CORS', () => {
    it(':8002 answers a browser preflight 204 before authentication, echoing the Origin', async () => {
      const res = await fetch(`${gateway.proxyUrl}${CHAT_PATH}`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://chat.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://chat.example');
      expect(res.headers.get('access-control-allow-methods')).toBe('POST');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
      expect(res.headers.get('access-control-max-age')).toBe('3600');
    });

    it(':8002 echoes the Origin on the request itself, refused or answered', async () => {
      const origin = { Origin: 'https://chat.example' };
      const refused = await proxy('POST', CHAT_PATH, null, README_CHAT, origin);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe('https://chat.example');
      const answered = await proxy('POST', CHAT_PATH, keys.main, README_CHAT, origin);
      expect(answered.status).toBe(200);
      expect(answered.headers.get('access-control-allow-origin')).toBe('https://chat.example');
    });

    it(':8001 answers a preflight from an ADMIN_CORS_ORIGINS origin, and gives another origin no CORS header', async () => {
      const preflight = (origin: string) =>
        fetch(`${gateway.adminUrl}/api/key-management/keys`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'PUT',
            'Access-Control-Request-Headers': 'content-type,x-api-key',
          },
        });
      const allowed = await preflight(COMPAT_ADMIN_ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(COMPAT_ADMIN_ORIGIN);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');
      const other = await preflight('https://elsewhere.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  it('GET and POST /api/health answer 200', async () => {
    expect((await proxy('GET', '/api/health', null)).status).toBe(200);
    expect((await proxy('POST', '/api/health', null)).status).toBe(200);
  });

  describe('status codes (BricksLLM behaviour §3.6)', () => {
    const openAiError = (body: unknown) =>
      expect(body).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });

    it('no API key: 401', async () => {
      const res = await proxy('POST', CHAT_PATH, null, README_CHAT);
      expect(res.status).toBe(401);
      openAiError(res.body);
    });

    it('an unknown key, from x-api-key, api-key or Authorization: 401', async () => {
      for (const headers of [
        { 'x-api-key': 'nope-nope-nope-nope-nope' },
        { 'api-key': 'nope-nope-nope-nope-nope' },
      ]) {
        const res = await proxy('POST', CHAT_PATH, null, README_CHAT, headers);
        expect(res.status).toBe(401);
        openAiError(res.body);
      }
      expect((await proxy('POST', CHAT_PATH, 'nope-nope-nope-nope-nope', README_CHAT)).status).toBe(401);
    });

    it('on Anthropic paths, the error is in Anthropic’s shape (BricksLLM sends OpenAI’s, its issue #40)', async () => {
      const res = await proxy('POST', '/api/providers/anthropic/v1/messages', null, {
        model: 'claude-3-5-sonnet-20241022',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    });

    it('an unknown proxy path: 404', async () => {
      const res = await proxy('POST', '/api/providers/openai/v1/no-such-endpoint', keys.main, {});
      expect(res.status).toBe(404);
      openAiError(res.body);
    });

    it('an x-request-timeout that is not a Go duration: 400', async () => {
      const res = await proxy('POST', CHAT_PATH, keys.main, README_CHAT, { 'x-request-timeout': 'soon' });
      expect(res.status).toBe(400);
      openAiError(res.body);
    });

    it('a path not in the key’s allowedPaths: 403; an allowed one passes', async () => {
      expect((await proxy('POST', CHAT_PATH, keys.path, README_CHAT)).status).toBe(403);
      const embeddings = await proxy('POST', '/api/providers/openai/v1/embeddings', keys.path, {
        model: 'text-embedding-3-small',
        input: 'hi',
      });
      expect(embeddings.status).toBe(200);
    });

    it('a model not in the provider setting’s allowedModels: 403; an allowed one passes', async () => {
      expect((await proxy('POST', CHAT_PATH, keys.model, { ...README_CHAT, model: 'gpt-4' })).status).toBe(
        403,
      );
      expect(
        (await proxy('POST', CHAT_PATH, keys.model, { ...README_CHAT, model: 'gpt-4o-mini' })).status,
      ).toBe(200);
    });

    it('a key with no setting for the provider: 403 (BricksLLM: 401 echoing the raw key, ADR 0003)', async () => {
      const res = await proxy('POST', '/api/providers/anthropic/v1/messages', keys.main, {
        model: 'claude-3-5-sonnet-20241022',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(keys.main);
    });

    it('README step 5’s rate limit, 2 a minute: 2 pass, the third is 429', async () => {
      // Fixed UTC minutes: start early enough in one that all three fall in it.
      const second = new Date().getUTCSeconds();
      if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await proxy('POST', CHAT_PATH, keys.rate, README_CHAT)).status);
      expect(statuses).toEqual([200, 200, 429]);
    });

    it('a user (bound by the body’s user and the key’s tags): model 403, path 403, revoked 401', async () => {
      const userId = `compat-status-user-${suffix}`;
      const created = await admin('POST', '/api/users', {
        name: 'status user',
        tags: [tag],
        userId,
        allowedModels: ['gpt-4o-mini'],
        allowedPaths: [{ path: CHAT_PATH, method: 'POST' }],
      });
      expect(created.status).toBe(200);
      const chat = (model: string) =>
        proxy('POST', CHAT_PATH, keys.main, { ...README_CHAT, model, user: userId });
      // The user reaches the proxy by push: poll until it applies.
      await expectEventually(async () => expect((await chat('gpt-4')).status).toBe(403), {
        timeoutMs: 10_000,
        what: 'the user’s model allow-list at the proxy',
      });
      expect((await chat('gpt-4o-mini')).status).toBe(200);
      const embeddings = await proxy('POST', '/api/providers/openai/v1/embeddings', keys.main, {
        model: 'text-embedding-3-small',
        input: 'hi',
        user: userId,
      });
      expect(embeddings.status).toBe(403);
      expect((await admin('PATCH', `/api/users/${created.body.id}`, { revoked: true })).status).toBe(200);
      await expectEventually(async () => expect((await chat('gpt-4o-mini')).status).toBe(401), {
        timeoutMs: 10_000,
        what: 'the user’s revocation at the proxy',
      });
    });

    it('a revoked key: 401', async () => {
      const revoked = secret('revoked');
      const key = await adminApi.createKey({ name: 'revoked', key: revoked, settingIds: [settingId] });
      await msUntil(gateway.proxyUrl, revoked, 'accepted');
      const patched = await admin('PATCH', `/api/key-management/keys/${key.keyId}`, {
        revoked: true,
        revokedReason: 'compat',
      });
      expect(patched.status).toBe(200);
      await msUntil(gateway.proxyUrl, revoked, 'rejected');
      expect((await proxy('POST', CHAT_PATH, revoked, README_CHAT)).status).toBe(401);
    });
  });

  describe('documented OpenAI endpoints pass through', () => {
    it('chat completions (README’s request) and embeddings answer the provider’s 200', async () => {
      const chat = await proxy('POST', CHAT_PATH, keys.main, README_CHAT);
      expect(chat.status).toBe(200);
      expect(chat.body).toMatchObject({ object: 'chat.completion' });
      const embeddings = await proxy('POST', '/api/providers/openai/v1/embeddings', keys.main, {
        model: 'text-embedding-ada-002',
        input: ['a', 'b'],
      });
      expect(embeddings.status).toBe(200);
    });

    it('GET models answers the provider’s list', async () => {
      const res = await proxy('GET', '/api/providers/openai/v1/models', keys.main);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ object: 'list' });
    });

    it('a provider’s error comes back verbatim (status and body)', async () => {
      const res = await proxy('POST', '/api/providers/openai/v1/moderations', keys.main, { input: 'hi' });
      expect(upstream.requests.at(-1)?.path).toBe('/v1/moderations');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { type: 'invalid_request_error' } });
    });
  });

  describe('events and reporting of these requests', () => {
    const customId = `compat-${randomUUID()}`;
    const userId = `compat-user-${suffix}`;

    beforeAll(async () => {
      const res = await proxy(
        'POST',
        CHAT_PATH,
        keys.main,
        { ...README_CHAT, user: userId },
        { 'X-CUSTOM-EVENT-ID': customId, 'X-METADATA': '{"team":"compat"}' },
      );
      expect(res.status).toBe(200);
      await expectEventually(
        async () => {
          const events = await admin('GET', `/api/events?customId=${customId}`);
          expect(events.body).toHaveLength(1);
        },
        { timeoutMs: 30_000, what: 'the event of the request' },
      );
    });

    const range = () => ({ start: started - 60, end: Math.floor(Date.now() / 1000) + 60 });

    it('GET /api/events by customId, userId and keyIds with start and end: BricksLLM’s event fields', async () => {
      const [event] = (await admin('GET', `/api/events?customId=${customId}`)).body;
      expect(fieldsOf(event)).toEqual(expect.arrayContaining(EVENT_FIELDS));
      expect(event).toMatchObject({
        key_id: keyIds['main'],
        custom_id: customId,
        userId,
        tags: [tag],
        provider: 'openai',
        model: 'gpt-3.5-turbo',
        status: 200,
        method: 'POST',
        path: CHAT_PATH,
        action: '',
        policyId: '',
        routeId: '',
        // Logged (shouldLogRequest), returned as the JSON itself (BricksLLM: base64 of it, ADR 0003).
        request: { model: 'gpt-3.5-turbo', user: userId },
      });
      expect(typeof event.cost_in_usd).toBe('number');
      const byUser = await admin('GET', `/api/events?userId=${userId}`);
      expect(byUser.body.map((e: { custom_id: string }) => e.custom_id)).toEqual([customId]);
      const { start, end } = range();
      const byKey = await admin('GET', `/api/events?keyIds=${keyIds['main']}&start=${start}&end=${end}`);
      expect(byKey.status).toBe(200);
      expect(byKey.body.map((e: { custom_id: string }) => e.custom_id)).toContain(customId);
      const noFilter = await admin('GET', '/api/events');
      expect(noFilter.status).toBe(400);
      const noRange = await admin('GET', `/api/events?keyIds=${keyIds['main']}`);
      expect(noRange.status).toBe(400);
    });

    it('POST /api/v2/events with every documented filter: {events, count}', async () => {
      const res = await admin('POST', '/api/v2/events', {
        userIds: [userId],
        customIds: [customId],
        keyIds: [keyIds['main']],
        tags: [tag],
        ...range(),
        limit: 100,
        offset: 0,
        costOrder: 'asc',
        status: 200,
        returnCount: true,
      });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(1);
      expect(res.body.events).toHaveLength(1);
      expect(fieldsOf(res.body.events[0])).toEqual(expect.arrayContaining(EVENT_FIELDS));
      const byDate = await admin('POST', '/api/v2/events', {
        ...range(),
        keyIds: [keyIds['main']],
        dateOrder: 'desc',
      });
      expect(byDate.status).toBe(200);
      expect(byDate.body).toMatchObject({ count: 0 });
      const both = await admin('POST', '/api/v2/events', { ...range(), costOrder: 'asc', dateOrder: 'desc' });
      expect(both.status).toBe(400);
    });

    it('POST /api/reporting/events with the API reference’s body: data points and latency percentiles', async () => {
      const { start, end } = range();
      const res = await admin('POST', '/api/reporting/events', {
        keyIds: [keyIds['main']],
        tags: [tag],
        customIds: [customId],
        filters: ['model', 'keyId'],
        start,
        end,
        increment: 60,
      });
      expect(res.status).toBe(200);
      expect(fieldsOf(res.body)).toEqual(['dataPoints', 'latencyInMsMedian', 'latencyInMs99th']);
      expect(fieldsOf(res.body.dataPoints[0])).toEqual(expect.arrayContaining(DATA_POINT_FIELDS));
      const withRequests = res.body.dataPoints.filter(
        (p: { numberOfRequests: number }) => p.numberOfRequests > 0,
      );
      expect(withRequests).toEqual([
        expect.objectContaining({
          numberOfRequests: 1,
          successCount: 1,
          model: 'gpt-3.5-turbo',
          keyId: keyIds['main'],
        }),
      ]);
    });

    it('POST /api/reporting/events-by-day: the day of these requests, per key', async () => {
      const day = 86_400;
      const today = Math.floor(Date.now() / 1000 / day) * day;
      const res = await admin('POST', '/api/reporting/events-by-day', {
        start: today,
        end: today + day,
        keyIds: [keyIds['main']],
      });
      expect(res.status).toBe(200);
      expect(res.body.dataPoints).toHaveLength(1);
      expect(fieldsOf(res.body.dataPoints[0])).toEqual(expect.arrayContaining(DATA_POINT_FIELDS));
      expect(res.body.dataPoints[0]).toMatchObject({ timeStamp: today, keyId: keyIds['main'] });
      expect(res.body.dataPoints[0].numberOfRequests).toBeGreaterThanOrEqual(1);
      expect((await admin('POST', '/api/reporting/events-by-day', { start: today })).status).toBe(400);
    });

    it('POST /api/reporting/top-keys with every documented field: {dataPoints: [{keyId, costInUsd}]}', async () => {
      const res = await admin('POST', '/api/reporting/top-keys', {
        ...range(),
        keyIds: Object.values(keyIds),
        tags: [tag],
        name: '',
        revoked: false,
        limit: 10,
        offset: 0,
        order: 'desc',
      });
      expect(res.status).toBe(200);
      expect(res.body.dataPoints.length).toBeGreaterThanOrEqual(1);
      expect(fieldsOf(res.body.dataPoints[0]).sort()).toEqual(['costInUsd', 'keyId']);
    });

    it('GET /api/reporting/user-ids (and users-ids, as documented) and custom-ids of a key', async () => {
      for (const path of ['user-ids', 'users-ids']) {
        const res = await admin('GET', `/api/reporting/${path}?keyId=${keyIds['main']}`);
        expect(res.status).toBe(200);
        expect(res.body).toContain(userId);
      }
      const customs = await admin('GET', `/api/reporting/custom-ids?keyId=${keyIds['main']}`);
      expect(customs.body).toContain(customId);
      expect((await admin('GET', '/api/reporting/custom-ids')).status).toBe(400);
    });

    it('GET /api/reporting/keys/{keyId}: the key’s spend in micro-dollars', async () => {
      const res = await admin('GET', `/api/reporting/keys/${keyIds['main']}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: keyIds['main'], costInMicroDollars: expect.any(Number) });
    });
  });
});
