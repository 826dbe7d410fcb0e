import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, type AdminTestApp } from '../admin-test-app.test-support';

const route = (target_url: string, path = '/chat') => ({
  path,
  target_url,
  model_location: 'model',
  request_prompt_location: 'messages.#.content',
  response_completion_location: 'choices.#.message.content',
});

// Provider URLs a stolen admin session could aim at the gateway's own network (real PostgreSQL).
describe('upstream URLs', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    // Only one loopback port is allowed: everything else on loopback is refused.
    admin = await startAdminTestApp({ UPSTREAM_ALLOW_HOSTS: '127.0.0.1:18999' });
  });
  afterAll(() => admin?.close());

  const createSetting = (setting: Record<string, string>, provider = 'openai') =>
    admin.call('PUT', '/api/provider-settings', { provider, setting });

  it.each([
    ['http://127.0.0.1:8080', 'loopback'],
    ['http://0.0.0.0:8002', 'this network'],
    ['http://10.1.2.3', 'private'],
    ['http://172.20.0.5', 'private'],
    ['http://192.168.0.10', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://[::1]:8001', 'loopback'],
    ['http://[fd00::5]', 'unique local'],
    ['http://[fe80::1]', 'link-local'],
    ['http://2130706433', 'loopback'],
    ['http://metadata.google.internal', 'cloud metadata'],
    // Resolved when the setting is written: localhost names a loopback address on every machine.
    ['http://localhost:8001', 'localhost resolves to'],
  ])('refuses a setting url of %s (%s)', async (url, reason) => {
    const res = await createSetting({ apikey: 'sk-ssrf', url });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, type: '/errors/validation' });
    expect(res.body.detail).toContain('setting.url');
    expect(res.body.detail).toContain(reason);
  });

  it('refuses a vLLM url on loopback and accepts the allow-listed host:port', async () => {
    expect((await createSetting({ url: 'http://127.0.0.1:8000' }, 'vllm')).status).toBe(400);
    const allowed = await createSetting({ url: 'http://127.0.0.1:18999/v1' }, 'vllm');
    expect(allowed.status).toBe(200);
  });

  it('refuses a custom provider whose route targets a private address, naming the route', async () => {
    const res = await admin.call('POST', '/api/custom/providers', {
      provider: 'inside',
      route_configs: [route('http://127.0.0.1:18999/ok'), route('http://10.0.0.9/chat', '/other')],
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('route_configs.1.target_url');
    expect(res.body.detail).not.toContain('route_configs.0');
    const created = await admin.call('POST', '/api/custom/providers', {
      provider: 'outside',
      route_configs: [route('http://127.0.0.1:18999/ok')],
    });
    expect(created.status).toBe(200);
    const patched = await admin.call('PATCH', `/api/custom/providers/${created.body.id}`, {
      route_configs: [route('http://169.254.169.254/')],
    });
    expect(patched.status).toBe(400);
  });

  it('needs the apikey again to change a stored setting’s url or Azure resource', async () => {
    const created = await createSetting({ apikey: 'sk-stored', url: 'http://127.0.0.1:18999/a' });
    const id = String(created.body.id);
    const redirect = await admin.call('PATCH', `/api/provider-settings/${id}`, {
      setting: { url: 'http://127.0.0.1:18999/elsewhere' },
    });
    expect(redirect.status).toBe(400);
    expect(redirect.body.detail).toContain('setting.apikey: required again when url or resourceName changes');
    const same = await admin.call('PATCH', `/api/provider-settings/${id}`, {
      name: 'renamed',
      setting: { url: 'http://127.0.0.1:18999/a' },
    });
    expect(same.status).toBe(200);
    const withKey = await admin.call('PATCH', `/api/provider-settings/${id}`, {
      setting: { url: 'http://127.0.0.1:18999/elsewhere', apikey: 'sk-stored-again' },
    });
    expect(withKey.status).toBe(200);
    expect(withKey.body.setting).toEqual({ url: 'http://127.0.0.1:18999/elsewhere' });

    const azure = await createSetting({ apikey: 'az-key', resourceName: 'acme' }, 'azure');
    const moved = await admin.call('PATCH', `/api/provider-settings/${azure.body.id}`, {
      setting: { resourceName: 'other' },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.detail).toContain('setting.apikey');
  });

  it('refuses an Azure resource name that is not a DNS label', async () => {
    const res = await createSetting({ apikey: 'az-key', resourceName: 'evil.example/x#' }, 'azure');
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('setting.resourceName');
  });
});
