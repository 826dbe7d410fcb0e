import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { E2E_ADMIN_PASS } from '../support/admin-api';
import { callJson, fieldsOf } from '../support/http-json';

// BricksLLM's admin API driven as its README and API reference show it (their example bodies, every endpoint
// and documented field), against the running services: status codes and shapes. Where Tollgate deliberately
// differs (docs/adr/0003), the test says so and asserts our answer.
const KEY_FIELDS = [
  'name',
  'createdAt',
  'updatedAt',
  'revoked',
  'revokedReason',
  'tags',
  'keyId',
  'costLimitInUsd',
  'costLimitInUsdOverTime',
  'costLimitInUsdUnit',
  'rateLimitOverTime',
  'rateLimitUnit',
  'ttl',
  'allowedPaths',
  'settingId',
  'settingIds',
  'shouldLogRequest',
  'shouldLogResponse',
  'rotationEnabled',
  'policyId',
  'isKeyNotHashed',
];
const SETTING_FIELDS = ['createdAt', 'updatedAt', 'provider', 'id', 'name', 'allowedModels'];
const USER_FIELDS = [
  'id',
  'name',
  'createdAt',
  'updatedAt',
  'tags',
  'keyIds',
  'revoked',
  'revokedReason',
  'costLimitInUsd',
  'costLimitInUsdOverTime',
  'costLimitInUsdUnit',
  'rateLimitOverTime',
  'rateLimitUnit',
  'ttl',
  'allowedPaths',
  'allowedModels',
  'userId',
];
const POLICY_FIELDS = ['id', 'created_at', 'updated_at', 'tags', 'config', 'regexConfig', 'name'];
const CUSTOM_PROVIDER_FIELDS = [
  'id',
  'created_at',
  'updated_at',
  'provider',
  'route_configs',
  'authentication_param',
];
const ROUTE_FIELDS = ['id', 'createdAt', 'updatedAt', 'name', 'path', 'steps', 'keyIds', 'cacheConfig'];
const ERROR_FIELDS = ['status', 'title', 'type', 'detail', 'instance'];

describe('BricksLLM compatibility: admin API (:8001)', () => {
  const gateway = inject('gateway');
  const suffix = randomBytes(4).toString('hex');
  const admin = (method: string, path: string, body?: unknown) =>
    callJson(`${gateway.adminUrl}${path}`, method, { body, headers: { 'X-API-KEY': E2E_ADMIN_PASS } });
  let settingId = '';
  let keyId = '';
  const secret = `compat-secret-key-${randomUUID()}`;

  beforeAll(async () => {
    // README step 4, verbatim.
    const res = await admin('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'YOUR_OPENAI_KEY' },
    });
    expect(res.status).toBe(200);
    settingId = String(res.body.id);
  });

  it('GET /api/health answers 200', async () => {
    expect((await admin('GET', '/api/health')).status).toBe(200);
  });

  it('PUT /api/provider-settings: the documented fields, never the secret', async () => {
    const res = await admin('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'xx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
      name: 'YOUR_PROVIDER_SETTING_NAME',
      allowedModels: ['text-embedding-ada-002'],
    });
    expect(res.status).toBe(200);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(SETTING_FIELDS));
    expect(res.body).toMatchObject({
      provider: 'openai',
      name: 'YOUR_PROVIDER_SETTING_NAME',
      allowedModels: ['text-embedding-ada-002'],
    });
    expect(JSON.stringify(res.body)).not.toContain('xx-xxxxxxxx');

    const listed = await admin('GET', `/api/provider-settings?ids=${res.body.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(fieldsOf(listed.body[0])).toEqual(expect.arrayContaining(SETTING_FIELDS));

    const patched = await admin('PATCH', `/api/provider-settings/${res.body.id}`, {
      setting: { apikey: 'xx-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' },
      name: 'renamed',
      allowedModels: [],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: res.body.id, name: 'renamed', allowedModels: [] });
  });

  it('PUT /api/key-management/keys: README step 5 (its 13-character key is refused: ADR 0003, keys 20-512)', async () => {
    const readme = {
      name: 'My Secret Key',
      key: 'my-secret-key',
      tags: ['mykey'],
      settingIds: [settingId],
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      costLimitInUsd: 0.25,
    };
    const short = await admin('PUT', '/api/key-management/keys', readme);
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(expect.arrayContaining(ERROR_FIELDS));
    expect(short.body).toMatchObject({ status: 400, type: '/errors/validation' });

    const res = await admin('PUT', '/api/key-management/keys', {
      ...readme,
      key: secret,
      tags: [`mykey-${suffix}`],
    });
    expect(res.status).toBe(200);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(KEY_FIELDS));
    expect(res.body).toMatchObject({
      name: 'My Secret Key',
      revoked: false,
      revokedReason: '',
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      costLimitInUsd: 0.25,
      settingIds: [settingId],
    });
    // Stored hashed, as BricksLLM: `key` is the sha256 of the secret.
    expect(res.body.key).toMatch(/^[0-9a-f]{64}$/);
    keyId = String(res.body.keyId);
  });

  it('PUT /api/key-management/keys with every documented field of the API reference', async () => {
    const res = await admin('PUT', '/api/key-management/keys', {
      name: "spike's developer key",
      tags: [`org-tag-${suffix}`],
      key: `abcdef12345-${randomUUID()}`,
      settingIds: [settingId],
      costLimitInUsd: 5.5,
      costLimitInUsdOverTime: 2,
      costLimitInUsdUnit: 'd',
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      ttl: '24h',
      allowedPaths: [{ path: '/api/providers/openai/v1/chat/completion', method: 'POST' }],
      shouldLogRequest: false,
      shouldLogResponse: true,
      rotationEnabled: false,
      isKeyNotHashed: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      costLimitInUsdOverTime: 2,
      costLimitInUsdUnit: 'd',
      ttl: '24h',
      allowedPaths: [{ path: '/api/providers/openai/v1/chat/completion', method: 'POST' }],
      shouldLogResponse: true,
    });
  });

  it('GET /api/key-management/keys by tag, tags, keyIds and provider; 400 without a filter', async () => {
    for (const query of [`tag=mykey-${suffix}`, `tags=mykey-${suffix}`, `keyIds=${keyId}`]) {
      const res = await admin('GET', `/api/key-management/keys?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.map((k: { keyId: string }) => k.keyId)).toEqual([keyId]);
      expect(fieldsOf(res.body[0])).toEqual(expect.arrayContaining(KEY_FIELDS));
    }
    const byProvider = await admin('GET', '/api/key-management/keys?provider=openai');
    expect(byProvider.status).toBe(200);
    expect(byProvider.body.map((k: { keyId: string }) => k.keyId)).toContain(keyId);
    const none = await admin('GET', '/api/key-management/keys');
    expect(none.status).toBe(400);
    expect(fieldsOf(none.body)).toEqual(expect.arrayContaining(ERROR_FIELDS));
  });

  it('POST /api/v2/key-management/keys with every documented filter: {keys, count}', async () => {
    const res = await admin('POST', '/api/v2/key-management/keys', {
      keyIds: [keyId],
      tags: [`mykey-${suffix}`],
      name: 'Secret',
      revoked: false,
      limit: 5,
      offset: 0,
      order: 'asc',
      returnCount: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1 });
    expect(res.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual([keyId]);
  });

  it('PATCH /api/key-management/keys/{keyId} with the documented fields', async () => {
    const res = await admin('PATCH', `/api/key-management/keys/${keyId}`, {
      name: 'renamed key',
      tags: [`mykey-${suffix}`, 'second'],
      costLimitInUsdOverTime: 2,
      costLimitInUsdUnit: 'd',
      rateLimitOverTime: 3,
      rateLimitUnit: 'm',
      allowedPaths: [{ path: '/api/providers/openai/v1/chat/completions', method: 'POST' }],
      shouldLogRequest: true,
      shouldLogResponse: true,
      rotationEnabled: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      keyId,
      name: 'renamed key',
      rateLimitOverTime: 3,
      shouldLogRequest: true,
    });
    const missing = await admin('PATCH', `/api/key-management/keys/${randomUUID()}`, { name: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, type: '/errors/not-found' });
  });

  it('GET /api/reporting/keys/{keyId}: {id, costInMicroDollars}', async () => {
    const res = await admin('GET', `/api/reporting/keys/${keyId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: keyId, costInMicroDollars: 0 });
  });

  it('users: POST, PATCH by id, PATCH by userId and tags, GET', async () => {
    const tags = [`org-tag-${suffix}`];
    const created = await admin('POST', '/api/users', {
      name: "spike's developer key",
      tags,
      keyIds: [keyId],
      costLimitInUsd: 5.5,
      costLimitInUsdOverTime: 2,
      costLimitInUsdUnit: 'd',
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      ttl: '24h',
      allowedPaths: [{ path: '/api/providers/openai/v1/chat/completion', method: 'POST' }],
      allowedModels: ['gpt-4'],
      userId: `user-${suffix}`,
    });
    expect(created.status).toBe(200);
    expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(USER_FIELDS));
    expect(created.body).toMatchObject({ userId: `user-${suffix}`, allowedModels: ['gpt-4'], ttl: '24h' });

    const byId = await admin('PATCH', `/api/users/${created.body.id}`, {
      name: 'spike',
      revoked: true,
      revokedReason: 'expired',
      allowedModels: ['gpt-4', 'gpt-4o'],
    });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ name: 'spike', revoked: true, revokedReason: 'expired' });

    const byTags = await admin('PATCH', `/api/users?userId=user-${suffix}&tags=${tags[0]}`, {
      name: 'spike again',
      revoked: false,
    });
    expect(byTags.status).toBe(200);
    expect(byTags.body).toMatchObject({ name: 'spike again', revoked: false });

    const listed = await admin('GET', `/api/users?tags=${tags[0]}&userIds=user-${suffix}&offset=0&limit=10`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(fieldsOf(listed.body[0])).toEqual(expect.arrayContaining(USER_FIELDS));
    // As BricksLLM: one of tags, keyIds or userIds is required.
    expect((await admin('GET', '/api/users')).status).toBe(400);
  });

  it('policies: POST, PATCH, GET by tags', async () => {
    const tags = [`orgId-${suffix}`];
    const created = await admin('POST', '/api/policies', {
      name: 'Pivacy Policy #1',
      tags,
      config: { rules: { address: 'block' } },
      regexConfig: { rules: [{ definition: '[2-9]|[12]\\d|3[0-6]', action: 'block' }] },
    });
    expect(created.status).toBe(200);
    expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(POLICY_FIELDS));
    const patched = await admin('PATCH', `/api/policies/${created.body.id}`, {
      name: 'Pivacy Policy #2',
      tags,
      config: { rules: { address: 'allow_but_redact' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Pivacy Policy #2',
      config: { rules: { address: 'allow_but_redact' } },
    });
    const listed = await admin('GET', `/api/policies?tags=${tags[0]}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    // As BricksLLM: tags are required.
    expect((await admin('GET', '/api/policies')).status).toBe(400);
  });

  it('custom providers: POST, PATCH, GET (snake_case, as BricksLLM)', async () => {
    const routeConfig = {
      path: '/chat/completion',
      // The reference's https://api.openai.com does not resolve on a machine without internet, and a host
      // that does not resolve is refused (ADR 0003); loopback is allowed in the e2e setup.
      target_url: 'http://127.0.0.1:9/v1/chat/completions',
      model_location: 'model',
      request_prompt_location: 'messages.#.content',
      response_completion_location: 'choices.#.message.content',
      stream_location: 'stream',
      stream_end_word: '[DONE]',
      stream_response_completion_location: 'choices.#.delta.content',
      stream_max_empty_messages: 10,
    };
    const created = await admin('POST', '/api/custom/providers', {
      provider: `bricks${suffix}`,
      route_configs: [routeConfig],
      authentication_param: 'apikey',
    });
    expect(created.status).toBe(200);
    expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(CUSTOM_PROVIDER_FIELDS));
    expect(created.body.route_configs[0]).toMatchObject({
      path: '/chat/completion',
      model_location: 'model',
    });
    const patched = await admin('PATCH', `/api/custom/providers/${created.body.id}`, {
      route_configs: [{ ...routeConfig, path: '/chat/completions' }],
      authentication_param: 'apikey',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.route_configs[0]).toMatchObject({ path: '/chat/completions' });
    const listed = await admin('GET', '/api/custom/providers');
    expect(listed.status).toBe(200);
    expect(listed.body.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });

  it('routes: POST, GET by id, GET, DELETE', async () => {
    const created = await admin('POST', '/api/routes', {
      name: 'staging-openai-azure-completion-route',
      path: `/production/chat/completion-${suffix}`,
      steps: [{ retries: 2, provider: 'openai', params: {}, model: 'gpt-3.5-turbo', timeout: '1s' }],
      keyIds: [keyId],
      cacheConfig: { enabled: false, ttl: '5s' },
    });
    expect(created.status).toBe(200);
    expect(fieldsOf(created.body)).toEqual(expect.arrayContaining(ROUTE_FIELDS));
    expect(created.body.steps[0]).toMatchObject({ provider: 'openai', model: 'gpt-3.5-turbo', retries: 2 });
    const one = await admin('GET', `/api/routes/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: created.body.id, cacheConfig: { enabled: false } });
    const all = await admin('GET', '/api/routes');
    expect(all.body.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await admin('DELETE', `/api/routes/${created.body.id}`)).status).toBe(200);
    const gone = await admin('GET', `/api/routes/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ status: 404 });
  });

  it('DELETE /api/key-management/keys/{keyId} answers 200', async () => {
    const created = await admin('PUT', '/api/key-management/keys', {
      name: 'short-lived',
      key: `short-lived-${randomUUID()}`,
      settingIds: [settingId],
    });
    expect((await admin('DELETE', `/api/key-management/keys/${created.body.keyId}`)).status).toBe(200);
    expect((await admin('GET', `/api/key-management/keys?keyIds=${created.body.keyId}`)).body).toEqual([]);
  });

  it('answers malformed JSON with 400 in the error shape (BricksLLM: 500, ADR 0003)', async () => {
    const res = await admin('PUT', '/api/key-management/keys', '{"name": ');
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(ERROR_FIELDS));
  });
});
