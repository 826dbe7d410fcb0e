import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProxyCors } from './proxy-cors';

// A listener that refuses everything with 401 after CORS, as an unauthenticated proxy request is refused.
describe(answerProxyCors.name, () => {
  let server: Server;
  let base: string;
  let reachedAuth = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (answerProxyCors(req, res)) return;
      reachedAuth++;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a browser preflight 204 with the asked method and headers, before authentication', async () => {
    const before = reachedAuth;
    const res = await fetch(`${base}/api/providers/openai/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-custom-event-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-custom-event-id',
    );
    expect(res.headers.get('access-control-max-age')).toBe('3600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(reachedAuth).toBe(before);
  });

  it('answers `*` for what a preflight did not name, and for a request without Origin', async () => {
    const preflight = await fetch(`${base}/anything`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('*');
  });

  it('echoes the Origin on every other response, refusals included', async () => {
    const res = await fetch(`${base}/api/providers/openai/v1/models`, {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('vary')).toBe('Origin');
  });
});
