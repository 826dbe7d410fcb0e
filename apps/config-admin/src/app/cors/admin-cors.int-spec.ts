import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestApp, TEST_ADMIN_PASS, type AdminTestApp } from '../admin-test-app.test-support';

const ALLOWED = 'https://admin.example.com';

// A browser's preflight, as it sends one before a cross-origin request with X-API-KEY and a JSON body.
const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'PUT',
    'access-control-request-headers': 'content-type, x-api-key',
  },
});

describe('admin API CORS from ADMIN_CORS_ORIGINS (real PostgreSQL)', () => {
  let admin: AdminTestApp;
  let base: string;

  beforeAll(async () => {
    admin = await startAdminTestApp({ ADMIN_CORS_ORIGINS: `${ALLOWED}, http://localhost:3000` });
    base = await admin.url();
  });
  afterAll(() => admin?.close());

  it('answers an allowed origin’s preflight 204 with the methods and headers, without the admin password', async () => {
    const res = await fetch(`${base}/api/key-management/keys`, preflight(ALLOWED));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');
    expect(res.headers.get('access-control-max-age')).toBe('3600');
  });

  it('lets the allowed origin read the answer of the request itself', async () => {
    const res = await fetch(`${base}/api/provider-settings`, {
      headers: { origin: ALLOWED, 'x-api-key': TEST_ADMIN_PASS },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('gives a disallowed origin no CORS header, on the preflight and on the request', async () => {
    const pre = await fetch(`${base}/api/key-management/keys`, preflight('https://evil.example'));
    expect(pre.status).not.toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    const res = await fetch(`${base}/api/provider-settings`, {
      headers: { origin: 'https://evil.example', 'x-api-key': TEST_ADMIN_PASS },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('admin API CORS by default (real PostgreSQL)', () => {
  let admin: AdminTestApp;

  beforeAll(async () => {
    admin = await startAdminTestApp();
  });
  afterAll(() => admin?.close());

  it('allows no origin', async () => {
    const base = await admin.url();
    const pre = await fetch(`${base}/api/key-management/keys`, preflight(ALLOWED));
    expect(pre.status).not.toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
