import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, type AdminTestApp } from './admin-test-app.test-support';

describe('users, policies and key search (real PostgreSQL)', () => {
  let admin: AdminTestApp;
  let settingId: string;
  let keyId: string;

  beforeAll(async () => {
    admin = await startAdminTestApp();
    settingId = (
      await admin.call('PUT', '/api/provider-settings', { provider: 'openai', setting: { apikey: 'sk' } })
    ).body.id;
    keyId = (
      await admin.call('PUT', '/api/key-management/keys', {
        name: 'alpha key',
        key: 'k-alpha-secret-0123456789',
        tags: ['org-1'],
        settingIds: [settingId],
      })
    ).body.keyId;
    await admin.call('PUT', '/api/key-management/keys', {
      name: 'beta key',
      key: 'k-beta-secret-0123456789',
      tags: ['org-1', 'x'],
      settingIds: [settingId],
    });
    await admin.call('PUT', '/api/key-management/keys', {
      name: '100% key',
      key: 'k-pct-secret-0123456789',
      tags: ['org-2'],
      settingIds: [settingId],
    });
  });
  afterAll(() => admin?.close());

  describe('POST /api/v2/key-management/keys', () => {
    it('filters by name substring (LIKE wildcards taken literally), pages, orders and counts', async () => {
      const byName = await admin.call('POST', '/api/v2/key-management/keys', {
        name: 'key',
        order: 'asc',
        returnCount: true,
      });
      expect(byName.body.keys.map((k: { name: string }) => k.name)).toEqual([
        'alpha key',
        'beta key',
        '100% key',
      ]);
      expect(byName.body.count).toBe(3);
      const literal = await admin.call('POST', '/api/v2/key-management/keys', { name: '%' });
      expect(literal.body.keys.map((k: { name: string }) => k.name)).toEqual(['100% key']);
      const page = await admin.call('POST', '/api/v2/key-management/keys', {
        tags: ['org-1'],
        limit: 1,
        offset: 1,
        order: 'asc',
        returnCount: true,
      });
      expect(page.body).toMatchObject({ count: 2, keys: [{ name: 'beta key' }] });
      expect((await admin.call('POST', '/api/v2/key-management/keys', { revoked: true })).body.keys).toEqual(
        [],
      );
      expect((await admin.call('POST', '/api/v2/key-management/keys', { order: 'sideways' })).status).toBe(
        400,
      );
    });
  });

  describe('users', () => {
    it('creates a user with limits, finds it, and patches it by id and by userId + tags', async () => {
      const created = await admin.call('POST', '/api/users', {
        name: 'spike',
        userId: 'user-1',
        tags: ['org-1'],
        keyIds: [keyId],
        rateLimitOverTime: 10,
        rateLimitUnit: 'm',
        allowedModels: ['gpt-4o-mini'],
        ttl: '1h',
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        userId: 'user-1',
        rateLimits: [{ limit: 10, unit: 'm' }],
        allowedModels: ['gpt-4o-mini'],
        ttl: '1h',
      });

      const found = await admin.call('GET', '/api/users?userIds=user-1');
      expect(found.body.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
      expect((await admin.call('GET', `/api/users?keyIds=${keyId}`)).body).toHaveLength(1);

      const revoked = await admin.call('PATCH', `/api/users/${created.body.id}`, {
        revoked: true,
        revokedReason: 'left',
      });
      expect(revoked.body).toMatchObject({ revoked: true, revokedReason: 'left' });
      const renamed = await admin.call('PATCH', '/api/users?userId=user-1&tags=org-1', { name: 'spike 2' });
      expect(renamed.body).toMatchObject({ id: created.body.id, name: 'spike 2' });
    });

    it('generates a userId when none is given', async () => {
      const created = await admin.call('POST', '/api/users', { name: 'anon', tags: ['org-9'] });
      expect(created.body.userId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers 409 to a userId already used for overlapping tags, and allows it for other tags', async () => {
      await admin.call('POST', '/api/users', { name: 'a', userId: 'dup', tags: ['t1'] });
      expect(
        (await admin.call('POST', '/api/users', { name: 'b', userId: 'dup', tags: ['t1', 't2'] })).status,
      ).toBe(409);
      expect(
        (await admin.call('POST', '/api/users', { name: 'c', userId: 'dup', tags: ['t3'] })).status,
      ).toBe(200);
    });

    it('answers 400, 404 as it should', async () => {
      expect(
        (
          await admin.call('POST', '/api/users', {
            name: 'x',
            keyIds: ['6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
          })
        ).status,
      ).toBe(400);
      expect((await admin.call('POST', '/api/users', { name: 'x', rateLimitUnit: 'm' })).status).toBe(400);
      expect((await admin.call('POST', '/api/users', {})).status).toBe(400);
      expect((await admin.call('GET', '/api/users')).status).toBe(400);
      expect(
        (await admin.call('PATCH', '/api/users/6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', { name: 'x' })).status,
      ).toBe(404);
      expect((await admin.call('PATCH', '/api/users?userId=nobody&tags=org-1', { name: 'x' })).status).toBe(
        404,
      );
    });
  });

  describe('policies', () => {
    it('creates, finds by tags, updates, refuses deletion while a key uses it, then deletes', async () => {
      const created = await admin.call('POST', '/api/policies', {
        name: 'pii',
        tags: ['org-1'],
        config: { rules: { email: 'allow_but_redact', ssn: 'block' } },
        regexConfig: { rules: [{ definition: '\\d{3}-\\d{2}', action: 'block' }] },
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        name: 'pii',
        tags: ['org-1'],
        config: { rules: { email: 'allow_but_redact' } },
      });
      const id = created.body.id;
      expect(
        (await admin.call('GET', '/api/policies?tags=org-1')).body.map((p: { id: string }) => p.id),
      ).toEqual([id]);
      expect((await admin.call('GET', '/api/policies')).status).toBe(400);

      const updated = await admin.call('PATCH', `/api/policies/${id}`, { name: 'pii v2' });
      expect(updated.body).toMatchObject({ name: 'pii v2', config: { rules: { ssn: 'block' } } });

      await admin.call('PATCH', `/api/key-management/keys/${keyId}`, { policyId: id });
      expect((await admin.call('DELETE', `/api/policies/${id}`)).status).toBe(409);
      await admin.call('PATCH', `/api/key-management/keys/${keyId}`, { policyId: null });
      expect((await admin.call('DELETE', `/api/policies/${id}`)).status).toBe(200);
      expect((await admin.call('DELETE', `/api/policies/${id}`)).status).toBe(404);
    });

    it.each([
      [{ tags: ['a'], config: { rules: { favourite_colour: 'block' } } }, 'config.rules'],
      [{ tags: ['a'], config: { rules: { email: 'shred' } } }, 'config.rules.email'],
      [
        { tags: ['a'], regexConfig: { rules: [{ definition: '([', action: 'block' }] } },
        'regexConfig.rules.0.definition',
      ],
      [
        // Valid in JavaScript, not in RE2 (no lookbehind): the proxy could never run it.
        { tags: ['a'], regexConfig: { rules: [{ definition: '(?<=id )\\d+', action: 'block' }] } },
        'RE2 syntax',
      ],
      [
        { tags: ['a'], regexConfig: { rules: [{ definition: '(\\w{1,1000}){1,1000}', action: 'block' }] } },
        'too large',
      ],
      [{ tags: [] }, 'tags'],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await admin.call('POST', '/api/policies', body);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain(field);
    });

    it('refuses a key that names a missing policy', async () => {
      const res = await admin.call('PUT', '/api/key-management/keys', {
        name: 'p',
        key: 'k-policy-secret-0123456789',
        settingIds: [settingId],
        policyId: '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      });
      expect(res.status).toBe(400);
    });
  });
});
