import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { AdminApi } from './support/admin-api';

// Provider secrets are write-only: no admin endpoint ever returns one (BricksLLM returns them from
// GET /api/provider-settings?ids=). Gateway keys come back only as their hash.
describe('secrets never leave the admin API', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);

  it('no response of any endpoint contains a provider secret or a raw gateway key', async () => {
    const openaiSecret = `sk-leakcheck-${randomUUID()}`;
    const customSecret = `tok-leakcheck-${randomUUID()}`;
    const gatewayKey = `tg-leakcheck-${randomUUID()}`;
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      bodies.push(await res.text());
      return res;
    };

    const created = await keep(
      await admin.raw(
        'PUT',
        '/api/provider-settings',
        JSON.stringify({ provider: 'openai', setting: { apikey: openaiSecret } }),
      ),
    );
    expect(created.status).toBe(200);
    const settingId = (JSON.parse(bodies.at(-1) ?? '{}') as { id: string }).id;
    await keep(
      await admin.raw(
        'PATCH',
        `/api/provider-settings/${settingId}`,
        JSON.stringify({ setting: { apikey: `${openaiSecret}-2` } }),
      ),
    );
    await keep(
      await admin.raw(
        'POST',
        '/api/custom/providers',
        JSON.stringify({
          provider: `leak${Date.now()}`,
          authentication_param: 'token',
          route_configs: [
            {
              path: '/chat',
              target_url: 'http://127.0.0.1:9/chat',
              model_location: 'model',
              request_prompt_location: 'messages.#.content',
              response_completion_location: 'choices.#.message.content',
            },
          ],
        }),
      ),
    );
    const customName = (JSON.parse(bodies.at(-1) ?? '{}') as { provider: string }).provider;
    await keep(
      await admin.raw(
        'PUT',
        '/api/provider-settings',
        JSON.stringify({ provider: customName, setting: { token: customSecret } }),
      ),
    );
    await keep(
      await admin.raw(
        'PUT',
        '/api/key-management/keys',
        JSON.stringify({ name: 'leak', key: gatewayKey, tags: ['leakcheck'], settingIds: [settingId] }),
      ),
    );
    const keyId = (JSON.parse(bodies.at(-1) ?? '{}') as { keyId: string }).keyId;
    // A duplicate key: the 409 must not echo it either.
    await keep(
      await admin.raw(
        'PUT',
        '/api/key-management/keys',
        JSON.stringify({ name: 'leak', key: gatewayKey, settingIds: [settingId] }),
      ),
    );
    for (const path of [
      '/api/provider-settings',
      `/api/provider-settings?ids=${settingId}`,
      '/api/custom/providers',
      '/api/key-management/keys?tags=leakcheck',
      `/api/key-management/keys?keyIds=${keyId}`,
      '/api/routes',
      '/api/docs-json',
    ]) {
      await keep(await admin.raw('GET', path));
    }
    await keep(
      await admin.raw('POST', '/api/v2/key-management/keys', JSON.stringify({ tags: ['leakcheck'] })),
    );
    await keep(
      await admin.raw('PATCH', `/api/key-management/keys/${keyId}`, JSON.stringify({ name: 'leak 2' })),
    );

    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) {
      expect(body).not.toContain(openaiSecret);
      expect(body).not.toContain(customSecret);
      expect(body).not.toContain(gatewayKey);
    }
  });
});
