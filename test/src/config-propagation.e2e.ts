import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { AdminApi } from './support/admin-api';
import { msUntil, probeKey } from './support/key-probe';

// Config changes are pushed (outbox → compacted topic → read model), not polled: a new, revoked or deleted
// key takes effect at the proxy in well under a second (BricksLLM: up to 24 hours for a deleted key).
describe('config propagation to the proxy', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);

  it.each([1, 2, 3])(
    'creates, revokes, un-revokes and deletes a key, each seen by the proxy in under 1 s (round %i)',
    async () => {
      const setting = await admin.createProviderSetting({ provider: 'openai', setting: { apikey: 'sk-x' } });
      const secret = `tg-propagation-${randomUUID()}`;
      expect(await probeKey(gateway.proxyUrl, secret)).toBe('rejected');

      const created = await admin.createKey({ name: 'propagation', key: secret, settingIds: [setting.id] });
      const createMs = await msUntil(gateway.proxyUrl, secret, 'accepted');

      await admin.raw(
        'PATCH',
        `/api/key-management/keys/${created.keyId}`,
        JSON.stringify({ revoked: true, revokedReason: 'test' }),
      );
      const revokeMs = await msUntil(gateway.proxyUrl, secret, 'rejected');

      await admin.raw(
        'PATCH',
        `/api/key-management/keys/${created.keyId}`,
        JSON.stringify({ revoked: false }),
      );
      const restoreMs = await msUntil(gateway.proxyUrl, secret, 'accepted');

      const deleted = await admin.raw('DELETE', `/api/key-management/keys/${created.keyId}`);
      expect(deleted.status).toBe(200);
      const deleteMs = await msUntil(gateway.proxyUrl, secret, 'rejected');

      console.log(
        `propagation ms: create ${createMs.toFixed(0)}, revoke ${revokeMs.toFixed(0)}, restore ${restoreMs.toFixed(0)}, delete ${deleteMs.toFixed(0)}`,
      );
      for (const ms of [createMs, revokeMs, restoreMs, deleteMs]) expect(ms).toBeLessThan(1_000);
    },
  );

  it('keeps a rotated key working during its grace period, the new one at once, the old one not after it', async () => {
    const setting = await admin.createProviderSetting({ provider: 'openai', setting: { apikey: 'sk-x' } });
    const oldSecret = `tg-rotate-old-${randomUUID()}`;
    const newSecret = `tg-rotate-new-${randomUUID()}`;
    const created = await admin.createKey({ name: 'rotation', key: oldSecret, settingIds: [setting.id] });
    await msUntil(gateway.proxyUrl, oldSecret, 'accepted');

    const rotated = await admin.raw(
      'POST',
      `/api/key-management/keys/${created.keyId}/rotate`,
      JSON.stringify({ key: newSecret, gracePeriodSeconds: 2 }),
    );
    expect(rotated.status).toBe(200);
    await msUntil(gateway.proxyUrl, newSecret, 'accepted');
    expect(await probeKey(gateway.proxyUrl, oldSecret)).toBe('accepted');
    // After the 2 s grace period the old value stops working, with no further change pushed.
    await msUntil(gateway.proxyUrl, oldSecret, 'rejected', 4_000);
    expect(await probeKey(gateway.proxyUrl, newSecret)).toBe('accepted');
  });
});
