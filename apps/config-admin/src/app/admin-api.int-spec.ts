import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually, withPg } from '@tollgate/testing';
import {
  startAdminTestApp,
  TEST_ADMIN_PASS as ADMIN_PASS,
  type AdminTestApp,
} from './admin-test-app.test-support';
import { hashKey } from './keys/key-hash';

// The admin API on a fresh PostgreSQL database, migrated by the app itself at boot.
describe('config-admin API (real PostgreSQL)', () => {
  let admin: AdminTestApp;
  let base: string;
  const call = (method: string, path: string, body?: unknown, adminPass = ADMIN_PASS) =>
    admin.call(method, path, body, adminPass);

  beforeAll(async () => {
    admin = await startAdminTestApp();
    base = await admin.url();
  });

  afterAll(() => admin?.close());

  it('migrates the schema with numbered migrations, not synchronize', async () => {
    const rows = await withPg(admin.databaseUrl, (pg) =>
      pg.query<{ name: string }>('SELECT name FROM migrations'),
    );
    expect(rows.rows.map((r) => r.name)).toEqual([
      'InitialSchema1764000000000',
      'KeyLimits1764000000001',
      'UsersAndPolicies1764000000002',
      'CustomProvidersAndRoutes1764000000003',
      'TokenAndInFlightLimits1764000000004',
      'PricingCatalog1764000000005',
      'ConsumedEvents1764000000006',
      'ConfigChangeLog1764000000010',
      'RouteStrategy1764000000020',
    ]);
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
      key: 'my-secret-key-0123456789',
      tags: ['a'],
      settingIds: [setting.body['id']],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'k',
      key: hashKey('my-secret-key-0123456789'),
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
    const key = { name: 'dup', key: 'duplicate-secret-0123456789', settingIds: [setting.body['id']] };
    expect((await call('PUT', '/api/key-management/keys', key)).status).toBe(200);
    const again = await call('PUT', '/api/key-management/keys', key);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, type: '/errors/conflict' });
    expect(JSON.stringify(again.body)).not.toContain('duplicate-secret-0123456789');
  });

  it('answers 400 to a key with empty tags, no setting, or an unknown setting', async () => {
    const noSetting = await call('PUT', '/api/key-management/keys', {
      name: 'x',
      key: 'y-0123456789abcdefghij',
      tags: [''],
    });
    expect(noSetting.status).toBe(400);
    expect(noSetting.body['detail']).toContain('tags.0');
    expect(noSetting.body['detail']).toContain('settingIds');
    const unknown = await call('PUT', '/api/key-management/keys', {
      name: 'x',
      key: 'z-0123456789abcdefghij',
      settingIds: ['6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
    });
    expect(unknown.status).toBe(400);
  });

  it('answers 400 in the error shape to malformed JSON', async () => {
    const res = await call('PUT', '/api/key-management/keys', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/json-unmarshal' });
  });

  it('answers 401 in the error shape without the admin password, and lets health through', async () => {
    const missing = await call('GET', '/api/provider-settings', undefined, '');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ status: 401, type: '/errors/unauthorized' });
    expect((await call('GET', '/api/provider-settings', undefined, 'wrong-pass')).status).toBe(401);
    expect((await call('GET', '/api/health', undefined, '')).status).toBe(200);
  });

  it('stores provider secrets encrypted and lists settings without them', async () => {
    const created = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-stored-sealed' },
    });
    const rows = await withPg(admin.databaseUrl, (pg) =>
      pg.query<{ secrets_ciphertext: string }>(
        'SELECT secrets_ciphertext FROM provider_settings WHERE id = $1',
        [created.body['id']],
      ),
    );
    expect(rows.rows[0]?.secrets_ciphertext).toMatch(/^v1:/);
    expect(rows.rows[0]?.secrets_ciphertext).not.toContain('sk-stored-sealed');
    const byId = await fetch(`${base}/api/provider-settings?ids=${String(created.body['id'])}`, {
      headers: { 'x-api-key': ADMIN_PASS },
    });
    const listed = (await byId.json()) as { id: string }[];
    expect(listed.map((s) => s.id)).toEqual([created.body['id']]);
    const all = await fetch(`${base}/api/provider-settings`, { headers: { 'x-api-key': ADMIN_PASS } });
    expect(await all.text()).not.toContain('sk-');
  });

  it('patches a provider setting: merges setting, replaces the rest, 404 for an unknown id', async () => {
    const created = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-a' },
    });
    const id = String(created.body['id']);
    const patched = await call('PATCH', `/api/provider-settings/${id}`, {
      name: 'renamed',
      setting: { url: 'http://127.0.0.1:1234', apikey: 'sk-a' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'renamed', setting: { url: 'http://127.0.0.1:1234' } });
    expect(
      (await call('PATCH', '/api/provider-settings/6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', { name: 'x' }))
        .status,
    ).toBe(404);
    expect((await call('PATCH', '/api/provider-settings/not-a-uuid', { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', `/api/provider-settings/${id}`, { allowedModels: [''] })).status).toBe(400);
  });

  it('revokes, lists, rotates and deletes a key', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const created = await call('PUT', '/api/key-management/keys', {
      name: 'lifecycle',
      key: 'lifecycle-secret-0123456789',
      tags: ['life', 'cycle'],
      settingIds: [setting.body['id']],
    });
    const keyId = String(created.body['keyId']);
    const revoked = await call('PATCH', `/api/key-management/keys/${keyId}`, {
      revoked: true,
      revokedReason: 'leaked',
      key: 'ignored',
    });
    expect(revoked.body).toMatchObject({
      revoked: true,
      revokedReason: 'leaked',
      key: hashKey('lifecycle-secret-0123456789'),
    });

    const listed = await fetch(`${base}/api/key-management/keys?tags=life,cycle`, {
      headers: { 'x-api-key': ADMIN_PASS },
    });
    expect(((await listed.json()) as { keyId: string }[]).map((k) => k.keyId)).toEqual([keyId]);
    const byProvider = await fetch(`${base}/api/key-management/keys?provider=openai&keyIds=${keyId}`, {
      headers: { 'x-api-key': ADMIN_PASS },
    });
    expect(((await byProvider.json()) as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/key-management/keys')).status).toBe(400);

    const rotated = await call('POST', `/api/key-management/keys/${keyId}/rotate`, {
      key: 'lifecycle-secret-2-0123456789',
      gracePeriodSeconds: 60,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body['key']).toBe(hashKey('lifecycle-secret-2-0123456789'));

    expect((await call('DELETE', `/api/key-management/keys/${keyId}`)).status).toBe(200);
    expect((await call('DELETE', `/api/key-management/keys/${keyId}`)).status).toBe(404);
    expect((await call('PATCH', `/api/key-management/keys/${keyId}`, { name: 'x' })).status).toBe(404);
  });

  it('stores several rate and cost windows with BricksLLM fields showing the first, and 400s bad limits', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const created = await call('PUT', '/api/key-management/keys', {
      name: 'limited',
      key: 'limited-secret-0123456789',
      settingIds: [setting.body['id']],
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      rateLimits: [{ limit: 1000, unit: 'd' }],
      costLimitInUsd: 0.25,
      costLimits: [{ limitInUsd: 5, unit: 'mo' }],
      ttl: '24h',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      rateLimits: [
        { limit: 2, unit: 'm' },
        { limit: 1000, unit: 'd' },
      ],
      costLimitInUsd: 0.25,
      costLimitInUsdOverTime: 5,
      costLimitInUsdUnit: 'mo',
      costLimits: [{ limitInUsd: 5, unit: 'mo' }],
      ttl: '24h',
    });
    const keyId = String(created.body['keyId']);
    const cleared = await call('PATCH', `/api/key-management/keys/${keyId}`, {
      rateLimitOverTime: 0,
      rateLimitUnit: '',
    });
    expect(cleared.body).toMatchObject({ rateLimits: [], rateLimitOverTime: 0, rateLimitUnit: '' });

    const bad = await call('PUT', '/api/key-management/keys', {
      name: 'bad',
      key: 'bad-limits-0123456789',
      settingIds: [setting.body['id']],
      rateLimitUnit: 'w',
      costLimitInUsdOverTime: 1,
      ttl: 'forever',
    });
    expect(bad.status).toBe(400);
    for (const field of ['rateLimitUnit', 'rateLimitOverTime', 'costLimitInUsdUnit', 'ttl']) {
      expect(bad.body['detail']).toContain(field);
    }
  });

  it('stores token windows, an in-flight cap and stream capping; PATCH replaces only what it names', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const created = await call('PUT', '/api/key-management/keys', {
      name: 'token-limited',
      key: 'token-limited-secret-0123456789',
      settingIds: [setting.body['id']],
      tokenLimits: [
        { limit: 100_000, unit: 'm' },
        { limit: 1_000_000, unit: 'd' },
      ],
      maxInFlightRequests: 4,
      endStreamsAtLimit: true,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      tokenLimits: [
        { limit: 100_000, unit: 'm' },
        { limit: 1_000_000, unit: 'd' },
      ],
      maxInFlightRequests: 4,
      endStreamsAtLimit: true,
    });
    const keyId = String(created.body['keyId']);
    const patched = await call('PATCH', `/api/key-management/keys/${keyId}`, { maxInFlightRequests: null });
    expect(patched.body).toMatchObject({ maxInFlightRequests: null, endStreamsAtLimit: true });
    expect((patched.body['tokenLimits'] as unknown[]).length).toBe(2);

    const bad = await call('PATCH', `/api/key-management/keys/${keyId}`, {
      tokenLimits: [
        { limit: 1, unit: 'm' },
        { limit: 2, unit: 'm' },
        { limit: 3, unit: 's' },
      ],
      maxInFlightRequests: 0,
    });
    expect(bad.status).toBe(400);
    for (const field of ['tokenLimits', 'maxInFlightRequests']) expect(bad.body['detail']).toContain(field);
  });

  it('reports a key’s total spend and its windows, 404 for an unknown key', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    const created = await call('PUT', '/api/key-management/keys', {
      name: 'reported',
      key: `reported-secret-${Date.now()}`,
      settingIds: [setting.body['id']],
      rateLimits: [{ limit: 5, unit: 'h' }],
      costLimits: [{ limitInUsd: 2, unit: 'd' }],
    });
    const keyId = String(created.body['keyId']);
    const report = await call('GET', `/api/reporting/keys/${keyId}`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      id: keyId,
      costInMicroDollars: 0,
      costInNanoDollars: 0,
      windows: [
        { kind: 'rate', unit: 'h', used: 0, limit: 5 },
        { kind: 'cost', unit: 'd', used: 0, limit: 2_000_000 },
      ],
    });
    const missing = await call('GET', '/api/reporting/keys/7d7a3b7e-2f6c-4b7e-8c1d-9e0f1a2b3c4d');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, type: '/errors/not-found' });
  });

  it('serves the seeded pricing catalog, sets prices with history, and pushes each change', async () => {
    const all = await call('GET', '/api/pricing');
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(88);
    const mini = await call('GET', '/api/pricing?model=gpt-4o-mini');
    expect(mini.body).toEqual([
      expect.objectContaining({
        key: 'gpt-4o-mini',
        provider: 'openai',
        input: 0.15,
        output: 0.6,
        cachedInput: 0.075,
        version: 1,
      }),
    ]);

    const created = await call('PUT', '/api/pricing/azure/acme-large', {
      provider: 'azure',
      input: 2,
      output: 8,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'azure/acme-large',
      model: 'acme-large',
      provider: 'azure',
      version: 1,
    });
    const changed = await call('PUT', '/api/pricing/azure/acme-large', {
      provider: 'azure',
      input: 3,
      output: 9,
      cachedInput: 1.5,
    });
    expect(changed.body).toMatchObject({ input: 3, output: 9, cachedInput: 1.5, version: 2 });
    const history = await call('GET', '/api/pricing/history/azure/acme-large');
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      expect.objectContaining({ version: 1, previous: null, current: expect.objectContaining({ input: 2 }) }),
      expect.objectContaining({
        version: 2,
        previous: expect.objectContaining({ input: 2 }),
        current: expect.objectContaining({ input: 3 }),
      }),
    ]);
    await expectEventually(async () => {
      const rows = await withPg(admin.databaseUrl, (pg) =>
        pg.query<{ n: string }>(`SELECT count(*) AS n FROM config_outbox WHERE entity = 'price'`),
      );
      // Relayed rows leave the outbox: the relay's Kafka acknowledgement is what empties it.
      expect(rows.rows[0]?.n).toBe('0');
    });

    const bad = await call('PUT', '/api/pricing/acme-large', {
      provider: 'openai',
      input: -1,
      perImage: { big: 1 },
    });
    expect(bad.status).toBe(400);
    for (const field of ['input', 'output', 'perImage']) expect(bad.body['detail']).toContain(field);
    expect((await call('GET', '/api/pricing/history/no-such-model')).status).toBe(404);
  });

  it.each([
    [
      '1e307 dollars per 1M tokens',
      { input: 1e307, output: 1 },
      'input: must be at most 10000 USD per 1M tokens',
    ],
    ['a price that bills $0', { input: 1, output: 0.000_000_1 }, 'output: must be 0 or at least 0.000001'],
    [
      'an image dearer than $1,000',
      { input: 0, output: 0, perImage: { 'hd|1024x1024': 5000 } },
      'at most 1000 USD per image',
    ],
    [
      'a minute dearer than $1,000',
      { input: 0, output: 0, perMinute: 1001 },
      'perMinute: must be at most 1000 USD per minute',
    ],
    [
      'a long-context tier out of bounds',
      { input: 1, output: 1, longContext: [{ aboveTokens: 1000, input: 20_000, output: 1 }] },
      'longContext.0.input',
    ],
  ])(
    'PUT /api/pricing refuses %s (400 naming the field), and keeps the price it had',
    async (_, prices, problem) => {
      const res = await call('PUT', '/api/pricing/gpt-4o-mini', { provider: 'openai', ...prices });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 400, type: '/errors/validation' });
      expect(res.body['detail']).toContain(problem);
      const kept = await call('GET', '/api/pricing?model=gpt-4o-mini');
      expect(kept.body).toEqual([expect.objectContaining({ input: 0.15, output: 0.6, version: 1 })]);
    },
  );

  it('stores an Azure setting’s deployment map, and refuses one it cannot read', async () => {
    const azure = (deployments: string) =>
      call('PUT', '/api/provider-settings', {
        provider: 'azure',
        setting: { apikey: 'k', resourceName: 'r', deployments },
        allowedModels: ['gpt-4o-mini'],
      });
    const stored = await azure('prod-chat=gpt-4o-mini, eu-chat=gpt-4o');
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ setting: { deployments: 'prod-chat=gpt-4o-mini, eu-chat=gpt-4o' } });
    const bad = await azure('prod-chat');
    expect(bad.status).toBe(400);
    expect(bad.body['detail']).toContain('setting.deployments: must be deployment=model pairs');
    const openai = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'k', deployments: 'a=b' },
    });
    expect(openai.status).toBe(400);
    expect(openai.body['detail']).toContain('setting.deployments: only Azure paths name deployments');
  });

  it('refuses a provider setting’s costMap out of bounds, on create and on update', async () => {
    const created = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
      costMap: { promptCostPerModel: { 'gpt-4o': 1e307 }, completionCostPerModel: { 'gpt-4o': -1 } },
    });
    expect(created.status).toBe(400);
    expect(created.body['detail']).toContain(
      'costMap.promptCostPerModel.gpt-4o: must be at most 10 USD per 1K tokens',
    );
    expect(created.body['detail']).toContain('costMap.completionCostPerModel.gpt-4o: must not be negative');
    const fine = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
      costMap: { promptCostPerModel: { 'gpt-4o': 0.0025 }, completionCostPerModel: { 'gpt-4o': 0.01 } },
    });
    expect(fine.status).toBe(200);
    const updated = await call('PATCH', `/api/provider-settings/${String(fine.body['id'])}`, {
      costMap: { embeddingsCostPerModel: { e5: 0.000_000_000_1 } },
    });
    expect(updated.status).toBe(400);
    expect(updated.body['detail']).toContain('a smaller price would bill $0');
  });

  it('writes every change to the outbox, and the relay empties it', async () => {
    const setting = await call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    expect(setting.status).toBe(200);
    await expectEventually(async () => {
      const rows = await withPg(admin.databaseUrl, (pg) =>
        pg.query<{ n: string }>('SELECT count(*) AS n FROM config_outbox'),
      );
      expect(rows.rows[0]?.n).toBe('0');
    });
  });

  it('answers 404 in the error shape to an unknown route', async () => {
    const res = await call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, type: '/errors/not-found', instance: '/api/nope' });
  });
});
