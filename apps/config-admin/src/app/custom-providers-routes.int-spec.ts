import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, withPg, type AdminTestApp } from './admin-test-app.test-support';

const routeConfig = {
  path: '/chat/completions',
  target_url: 'https://llm.example.com/v1/chat/completions',
  model_location: 'model',
  request_prompt_location: 'messages.#.content',
  response_completion_location: 'choices.#.message.content',
};

describe('custom providers and routes (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    // The routes' target host resolves nowhere here; allowed, it is stored without a lookup.
    admin = await startAdminTestApp({ UPSTREAM_ALLOW_HOSTS: 'llm.example.com' });
  });
  afterAll(() => admin?.close());

  describe('custom providers', () => {
    it('creates (name lower-cased), lists, patches and replaces a custom provider', async () => {
      const created = await admin.call('POST', '/api/custom/providers', {
        provider: 'Bricks',
        authentication_param: 'ApiKey',
        route_configs: [routeConfig],
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        provider: 'bricks',
        authentication_param: 'apikey',
        route_configs: [routeConfig],
      });
      const id = created.body.id;
      expect(
        (await admin.call('GET', '/api/custom/providers')).body.map((p: { id: string }) => p.id),
      ).toContain(id);

      const patched = await admin.call('PATCH', `/api/custom/providers/${id}`, {
        authentication_param: 'token',
      });
      expect(patched.body).toMatchObject({ authentication_param: 'token', route_configs: [routeConfig] });
      const replaced = await admin.call('PUT', `/api/custom/providers/${id}`, {
        route_configs: [{ ...routeConfig, path: '/v2/chat' }],
      });
      expect(replaced.body).toMatchObject({
        authentication_param: '',
        route_configs: [{ path: '/v2/chat' }],
      });
      expect(
        (await admin.call('PATCH', '/api/custom/providers/6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', {})).status,
      ).toBe(404);
    });

    it('answers 409 to a duplicate name', async () => {
      const body = { provider: 'twice', route_configs: [routeConfig] };
      expect((await admin.call('POST', '/api/custom/providers', body)).status).toBe(200);
      expect((await admin.call('POST', '/api/custom/providers', body)).status).toBe(409);
    });

    it.each([
      [{ provider: 'openai', route_configs: [routeConfig] }, 'provider'],
      [{ provider: 'has space', route_configs: [routeConfig] }, 'provider'],
      [{ provider: 'p1', route_configs: [] }, 'route_configs'],
      [{ provider: 'p2', route_configs: [{ ...routeConfig, path: 'no-slash' }] }, 'route_configs.0.path'],
      [{ provider: 'p3', route_configs: [routeConfig, routeConfig] }, 'route_configs.1.path'],
      [
        { provider: 'p4', route_configs: [{ ...routeConfig, stream_location: 'stream' }] },
        'route_configs.0.stream_end_word',
      ],
      [
        { provider: 'p5', route_configs: [{ ...routeConfig, target_url: 'ftp://x' }] },
        'route_configs.0.target_url',
      ],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await admin.call('POST', '/api/custom/providers', body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(field);
    });

    it('lets a provider setting use a custom provider, sealing its authentication parameter', async () => {
      await admin.call('POST', '/api/custom/providers', {
        provider: 'sealed',
        authentication_param: 'token',
        route_configs: [routeConfig],
      });
      const missing = await admin.call('PUT', '/api/provider-settings', { provider: 'sealed', setting: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.detail).toContain('setting.token');
      const created = await admin.call('PUT', '/api/provider-settings', {
        provider: 'sealed',
        setting: { token: 'tok-secret', region: 'eu' },
      });
      expect(created.status).toBe(200);
      expect(created.body.setting).toEqual({ region: 'eu' });
      expect(JSON.stringify(created.body)).not.toContain('tok-secret');
      const unknown = await admin.call('PUT', '/api/provider-settings', { provider: 'nobody', setting: {} });
      expect(unknown.status).toBe(400);
      expect(unknown.body.detail).toContain('not supported');
    });
  });

  describe('routes', () => {
    let keyId: string;

    beforeAll(async () => {
      const setting = await admin.call('PUT', '/api/provider-settings', {
        provider: 'openai',
        setting: { apikey: 'sk' },
      });
      keyId = (
        await admin.call('PUT', '/api/key-management/keys', {
          name: 'r',
          key: 'route-key-secret-0123456789',
          settingIds: [setting.body.id],
        })
      ).body.keyId;
    });

    const route = (path: string) => ({
      name: 'failover',
      path,
      keyIds: [keyId],
      steps: [
        { provider: 'openai', model: 'gpt-4o-mini', retries: 2 },
        { provider: 'openai', model: 'gpt-4o' },
      ],
      cacheConfig: { enabled: true },
    });

    it('creates with defaults, reads, patches (BricksLLM cannot) and deletes a route', async () => {
      const created = await admin.call('POST', '/api/routes', route('/prod/chat'));
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        path: '/prod/chat',
        cacheConfig: { enabled: true, ttl: '168h', shared: false },
        retryStrategy: 'constant',
        strategy: 'fallback',
        steps: [{ retries: 2, timeout: '5m', retryInterval: '1s', weight: 1 }, { retries: 0 }],
      });
      const id = created.body.id;
      expect((await admin.call('GET', `/api/routes/${id}`)).body.id).toBe(id);
      expect((await admin.call('GET', '/api/routes')).body.map((r: { id: string }) => r.id)).toContain(id);
      const patched = await admin.call('PATCH', `/api/routes/${id}`, {
        name: 'renamed',
        retryStrategy: 'exponential',
        strategy: 'weighted',
      });
      expect(patched.body).toMatchObject({ strategy: 'weighted' });
      expect(patched.body).toMatchObject({
        name: 'renamed',
        retryStrategy: 'exponential',
        path: '/prod/chat',
      });
      expect((await admin.call('DELETE', `/api/routes/${id}`)).status).toBe(200);
      expect((await admin.call('GET', `/api/routes/${id}`)).status).toBe(404);
      expect((await admin.call('DELETE', `/api/routes/${id}`)).status).toBe(404);
    });

    it('answers 409 to a path already served', async () => {
      expect((await admin.call('POST', '/api/routes', route('/dup'))).status).toBe(200);
      expect((await admin.call('POST', '/api/routes', route('/dup'))).status).toBe(409);
    });

    it.each([
      [{ steps: [{ provider: 'azure', model: 'gpt-4o' }] }, 'steps.0.params.deploymentId'],
      [
        {
          steps: [
            { provider: 'openai', model: 'gpt-4o' },
            { provider: 'openai', model: 'text-embedding-3-small' },
          ],
        },
        'steps',
      ],
      // Any provider the gateway serves is a step's (anthropic included); an empty name is not.
      [{ steps: [{ provider: '', model: 'claude' }] }, 'steps.0.provider'],
      [{ steps: [{ provider: 'openai', model: 'gpt-4o', weight: 0 }] }, 'steps.0.weight'],
      [{ strategy: 'random' }, 'strategy'],
      [{ cacheConfig: { enabled: true, shared: 'yes' } }, 'cacheConfig.shared'],
      [
        {
          requestFormat: 'openai_embeddings',
          steps: [{ provider: 'anthropic', model: 'text-embedding-3-small' }],
        },
        'steps.0.provider',
      ],
      [{ cacheConfig: { enabled: true, ttl: '721h' } }, 'cacheConfig.ttl'],
      [{ keyIds: ['6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'] }, 'keyIds'],
      [{ path: 'relative' }, 'path'],
    ])('answers 400 naming the field for %j', async (override, field) => {
      const res = await admin.call('POST', '/api/routes', {
        ...route(`/bad-${field.replace(/\W/g, '')}`),
        ...override,
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(field);
    });

    it('refuses a route whose steps use a provider the key has no setting for', async () => {
      const res = await admin.call('POST', '/api/routes', {
        ...route('/azure-only'),
        steps: [
          { provider: 'azure', model: 'gpt-4o', params: { deploymentId: 'd', apiVersion: '2024-10-21' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('has no setting for azure');
    });
  });

  it('leaves nothing in the outbox once the relay has run', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await withPg(admin.databaseUrl, (pg) =>
      pg.query<{ n: string }>('SELECT count(*) AS n FROM config_outbox'),
    );
    expect(rows.rows[0]?.n).toBe('0');
  });
});
