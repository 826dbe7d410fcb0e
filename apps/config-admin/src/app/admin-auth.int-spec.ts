import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, TEST_ADMIN_PASS, type AdminTestApp } from './admin-test-app.test-support';
import { API_CATALOG } from './openapi/api-catalog';

const OPEN = new Set(['/api/health', '/api/health/ready', '/api/docs', '/api/docs-json', '/metrics']);
const SOME_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('admin authentication on every endpoint (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    // Two failed logins per endpoint from one address: more than the default slow-down allows.
    admin = await startAdminTestApp({ ADMIN_AUTH_FAILURES_PER_MINUTE: '100000' });
  });
  afterAll(() => admin?.close());

  const protectedOps = API_CATALOG.filter((op) => !OPEN.has(op.path));

  it.each(protectedOps.map((op) => [op.method.toUpperCase(), op.path] as const))(
    '%s %s answers 401 in the error shape without X-API-KEY and with a wrong one',
    async (method, path) => {
      const url = path.replace(/\{\w+\}/g, SOME_ID);
      for (const adminPass of ['', 'wrong-pass']) {
        const res = await admin.call(
          method,
          url,
          method === 'GET' || method === 'DELETE' ? undefined : {},
          adminPass,
        );
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({
          status: 401,
          type: '/errors/unauthorized',
          instance: url.split('?')[0],
        });
      }
    },
  );

  it.each([...OPEN].map((path) => [path]))('%s needs no X-API-KEY', async (path) => {
    const res = await fetch(`${await admin.url()}${path}`);
    expect(res.status).toBe(200);
  });
});

describe('admin login slow-down (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminTestApp({ ADMIN_AUTH_FAILURES_PER_MINUTE: '3' });
  });
  afterAll(() => admin?.close());

  it('answers 429 with Retry-After after 3 failures from one address, even to the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await admin.call('GET', '/api/routes', undefined, `guess-${i}`)).status).toBe(401);
    }
    const limited = await fetch(`${await admin.url()}/api/routes`, {
      headers: { 'x-api-key': TEST_ADMIN_PASS },
    });
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ status: 429, type: '/errors/too-many-requests' });
    expect((await fetch(`${await admin.url()}/api/health`)).status).toBe(200);
  });
});
