import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { AdminApi } from './support/admin-api';
import { msUntil, probeKey } from './support/key-probe';

// Config changes are pushed (outbox → compacted topic → read model), not polled, and an admin call returns
// once every live proxy has applied its change (docs/adr/0015): a new, revoked or deleted key is in effect on
// the very next request (BricksLLM: up to 24 hours for a deleted key).
describe('config propagation to the proxy', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);

  it.each([1, 2, 3])(
    'creates, revokes, un-revokes and deletes a key, each in effect on the very next proxy request (round %i)',
    async () => {
      const setting = await admin.createProviderSetting({ provider: 'openai', setting: { apikey: 'sk-x' } });
      const secret = `tg-propagation-${randomUUID()}`;
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('rejected');

      const created = await admin.createKey({ name: 'propagation', key: secret, settingIds: [setting.id] });
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('accepted');

      await admin.raw(
        'PATCH',
        `/api/key-management/keys/${created.keyId}`,
        JSON.stringify({ revoked: true, revokedReason: 'test' }),
      );
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('rejected');

      await admin.raw(
        'PATCH',
        `/api/key-management/keys/${created.keyId}`,
        JSON.stringify({ revoked: false }),
      );
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('accepted');

      const deleted = await admin.raw('DELETE', `/api/key-management/keys/${created.keyId}`);
      expect(deleted.status).toBe(200);
      expect(deleted.headers.get('x-config-propagation')).toBe('applied');
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('rejected');
    },
  );

  it('keeps a rotated key working during its grace period, the new one at once, the old one not after it', async () => {
    const setting = await admin.createProviderSetting({ provider: 'openai', setting: { apikey: 'sk-x' } });
    const oldSecret = `tg-rotate-old-${randomUUID()}`;
    const newSecret = `tg-rotate-new-${randomUUID()}`;
    const created = await admin.createKey({ name: 'rotation', key: oldSecret, settingIds: [setting.id] });
    expect(await probeKey(gateway.proxyUrl, oldSecret)).toBe('accepted');

    const rotated = await admin.raw(
      'POST',
      `/api/key-management/keys/${created.keyId}/rotate`,
      JSON.stringify({ key: newSecret, gracePeriodSeconds: 2 }),
    );
    expect(rotated.status).toBe(200);
    expect(await probeKey(gateway.proxyUrl, newSecret)).toBe('accepted');
    expect(await probeKey(gateway.proxyUrl, oldSecret)).toBe('accepted');
    // After the 2 s grace period the old value stops working, with no further change pushed.
    await msUntil(gateway.proxyUrl, oldSecret, 'rejected', 4_000);
    expect(await probeKey(gateway.proxyUrl, newSecret)).toBe('accepted');
  });
});
