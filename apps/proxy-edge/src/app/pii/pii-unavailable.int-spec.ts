import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicySnapshot } from '@tollgate/contracts';
import { FakeOpenAiUpstream, InMemoryKeyDirectory, type TestProxy } from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// pii-redaction unreachable (nothing listens) or late (accepts and never answers), through the real pipeline
// and the official client: refused with 503 by default, forwarded unscanned with PII_FAIL_OPEN=true. The
// scan itself is proven against the running service in test/src/pii-policies.e2e.ts.
const POLICY: PolicySnapshot = {
  id: 'p1',
  name: 'redact emails',
  tags: [],
  config: { rules: { email: 'allow_but_redact' } },
  regexConfig: { rules: [] },
  customConfig: { rules: [] },
};
const BODY = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'mail jane@example.com' }],
};

describe('PII stage when pii-redaction cannot answer (real pipeline)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  const proxies: TestProxy[] = [];
  let silent: Server;
  let silentUrl = '';

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addKey('policy-key', {
      keyId: 'k-policy',
      settingIds: ['s1'],
      policyId: 'p1',
      shouldLogRequest: true,
    });
    // Accepts the call and never answers: the scan's deadline is what ends it.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    silent.closeAllConnections();
    silent.close();
    await upstream.stop();
  });

  async function proxyWith(env: Record<string, string>): Promise<TestProxy> {
    const proxy = await startEdgeUnderTest(directory, env, { policies: [POLICY] });
    proxies.push(proxy);
    return proxy;
  }

  it.each([
    ['unreachable', () => 'http://127.0.0.1:1'],
    ['late', () => silentUrl],
  ])(
    'fails closed when the scan is %s: 503 in the OpenAI shape, nothing sent or logged',
    async (_what, url) => {
      const proxy = await proxyWith({ PII_REDACTION_URL: url(), PII_SCAN_DEADLINE_MS: '200' });
      const before = upstream.requests.length;
      const error = await proxy
        .openai('policy-key')
        .chat.completions.create(BODY)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ status: 503, code: 'pii_unavailable' });
      expect(upstream.requests.length).toBe(before);
      const event = await proxy.nextEvent();
      expect(event.payload).toMatchObject({ status: 503, policyId: 'p1', piiAction: null, request: null });
    },
  );

  it('fails open with PII_FAIL_OPEN=true: forwarded unscanned, its body not logged', async () => {
    const proxy = await proxyWith({ PII_REDACTION_URL: 'http://127.0.0.1:1', PII_FAIL_OPEN: 'true' });
    await expect(proxy.openai('policy-key').chat.completions.create(BODY)).resolves.toMatchObject({
      object: 'chat.completion',
    });
    expect(JSON.parse(upstream.requests.at(-1)?.body ?? '{}')).toEqual(BODY);
    const event = await proxy.nextEvent();
    expect(event.payload).toMatchObject({ status: 200, policyId: 'p1', piiAction: null, request: null });
  });
});
