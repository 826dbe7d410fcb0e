import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

// Gateway keys are bearer secrets: too short a one is refused on create and on rotation (real PostgreSQL).
describe('gateway key length', () => {
  let admin: AdminTestApp;
  let settingId: string;

  beforeAll(async () => {
    admin = await startAdminTestApp();
    settingId = (
      await admin.call('PUT', '/api/provider-settings', { provider: 'openai', setting: { apikey: 'sk-len' } })
    ).body.id;
  });
  afterAll(() => admin?.close());

  it('refuses a key of 19 characters and accepts one of 20', async () => {
    const short = await admin.call('PUT', '/api/key-management/keys', {
      name: 'short',
      key: 'k'.repeat(19),
      settingIds: [settingId],
    });
    expect(short.status).toBe(400);
    expect(short.body.detail).toContain('key: must be at least 20 characters');
    expect(short.body.detail).not.toContain('k'.repeat(19));
    const enough = await admin.call('PUT', '/api/key-management/keys', {
      name: 'enough',
      key: 'k'.repeat(20),
      settingIds: [settingId],
    });
    expect(enough.status).toBe(200);
  });

  it('refuses to rotate a key to a short value', async () => {
    const created = await admin.call('PUT', '/api/key-management/keys', {
      name: 'rotated',
      key: 'rotated-key-0123456789',
      settingIds: [settingId],
    });
    const rotated = await admin.call('POST', `/api/key-management/keys/${created.body.keyId}/rotate`, {
      key: 'short',
      gracePeriodSeconds: 0,
    });
    expect(rotated.status).toBe(400);
    expect(rotated.body.detail).toContain('key');
  });
});
