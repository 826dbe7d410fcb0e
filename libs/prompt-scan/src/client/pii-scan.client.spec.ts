import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestTracing } from '@tollgate/testing';
import type { ScanRequest } from '../contract/scan-contract';
import { PiiScanClient } from './pii-scan.client';
import type { ScanOutcome } from './scan-outcome';

// The real service is called in pii-redaction's integration tests; these servers play the failures it
// cannot be made to produce on demand.
const REQUEST: ScanRequest = {
  policyId: 'p1',
  policyVersion: 'v1',
  policy: { config: { rules: { email: 'allow_but_redact' } } },
  texts: ['mail jane@example.com'],
  deadlineMs: 200,
};

const servers: Server[] = [];
const clients: PiiScanClient[] = [];

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function answering(status: number, body: unknown): RequestListener {
  return (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function clientOf(url: string, seen?: ScanOutcome[]): PiiScanClient {
  const client = new PiiScanClient({ url, networkMarginMs: 50, onOutcome: (o) => seen?.push(o) });
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe(PiiScanClient.name, () => {
  it('sends the caller’s trace context, so the scan joins the proxied request’s trace', async () => {
    const tracing = startTestTracing();
    try {
      const seen: (string | undefined)[] = [];
      const url = await serve((req, res) => {
        seen.push(req.headers['traceparent'] as string | undefined);
        answering(200, { action: 'none', entitiesFound: [], regexRulesMatched: [], redactions: [[]] })(
          req,
          res,
        );
      });
      const request = trace.getTracer('test').startSpan('POST');
      await context.with(trace.setSpan(context.active(), request), () => clientOf(url).scan(REQUEST));
      request.end();
      const { traceId, spanId } = request.spanContext();
      expect(seen).toEqual([`00-${traceId}-${spanId}-01`]);
    } finally {
      await tracing.stop();
    }
  });

  it('gives the validated result of a 200', async () => {
    const result = {
      action: 'redacted',
      entitiesFound: ['email'],
      regexRulesMatched: [],
      redactions: [[{ start: 5, end: 21, placeholder: '[EMAIL]' }]],
    };
    const outcome = await clientOf(await serve(answering(200, result))).scan(REQUEST);
    expect(outcome).toEqual({ kind: 'ok', result });
  });

  it('is rejected on a 4xx in the error shape: the call itself was wrong', async () => {
    const url = await serve(answering(422, { error: { code: 'invalid_policy', message: 'regex rule 0' } }));
    expect(await clientOf(url).scan(REQUEST)).toEqual({
      kind: 'rejected',
      status: 422,
      code: 'invalid_policy',
      message: 'regex rule 0',
    });
  });

  it.each([
    ['a 5xx', answering(503, { error: { code: 'unavailable', message: 'shutting down' } }), 'server_error'],
    ['a 200 that is not a scan result', answering(200, { action: 'maybe' }), 'invalid_response'],
    ['a 4xx that is not in the error shape', answering(404, 'not found'), 'invalid_response'],
  ] as const)('is unavailable on %s', async (_name, listener, reason) => {
    const outcome = await clientOf(await serve(listener)).scan(REQUEST);
    expect(outcome).toMatchObject({ kind: 'unavailable', reason });
  });

  it('is unavailable when nothing listens on the port (connection refused)', async () => {
    const url = await serve(answering(200, {}));
    const dead = servers.pop() as Server;
    await new Promise((resolve) => dead.close(resolve));
    expect(await clientOf(url).scan(REQUEST)).toEqual({ kind: 'unavailable', reason: 'connection_refused' });
  });

  it('gives up at the deadline plus the network margin when the service does not answer', async () => {
    const url = await serve(() => undefined);
    const started = performance.now();
    const outcome = await clientOf(url).scan({ ...REQUEST, deadlineMs: 100 });
    const elapsed = performance.now() - started;
    expect(outcome).toEqual({ kind: 'unavailable', reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('gives up at the deadline when the answer starts but never ends', async () => {
    const url = await serve((req, res) => {
      req.resume();
      req.once('end', () => res.writeHead(200, { 'content-type': 'application/json' }).write('{"action":'));
    });
    expect(await clientOf(url).scan({ ...REQUEST, deadlineMs: 100 })).toEqual({
      kind: 'unavailable',
      reason: 'timeout',
    });
  });

  it('counts every outcome and reports each one', async () => {
    const seen: ScanOutcome[] = [];
    const ok = { action: 'allowed', entitiesFound: [], regexRulesMatched: [], redactions: [[]] };
    const client = clientOf(await serve(answering(200, ok)), seen);
    await client.scan(REQUEST);
    await client.scan(REQUEST);
    const counts = client.counts();
    expect(counts.ok).toBe(2);
    expect(counts.rejected).toBe(0);
    expect(Object.values(counts.unavailable).every((n) => n === 0)).toBe(true);
    expect(seen.map((o) => o.kind)).toEqual(['ok', 'ok']);
  });

  it('reuses keep-alive connections instead of opening one per call', async () => {
    const sockets = new Set<unknown>();
    const ok = { action: 'allowed', entitiesFound: [], regexRulesMatched: [], redactions: [[]] };
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      answering(200, ok)(req, res);
    });
    const client = clientOf(url);
    for (let i = 0; i < 20; i++) await client.scan(REQUEST);
    // undici may open a second socket while the first is still being released; never one per call.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});
