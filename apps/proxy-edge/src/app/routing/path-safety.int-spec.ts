import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomProviderSnapshot, RequestCompletedV1 } from '@tollgate/contracts';
import {
  expectEventually,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';
import { rawRequest } from '../testing/raw-http.test-support';
import { pathOf } from './path-guard';

// Whatever path a key holder sends, the provider receives the route that was matched, priced and limited
// (the one the usage event names), or nothing: a path is never resolved into another route after matching.
const OPENAI = '/api/providers/openai';
const ACME = '/api/custom/providers/acme';
const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

// Routes to start from: metered and unmetered, with parameters, and a custom provider's route.
const ROUTES: [method: string, segments: string[]][] = [
  ['POST', ['api', 'providers', 'openai', 'v1', 'chat', 'completions']],
  ['POST', ['api', 'providers', 'openai', 'v1', 'threads', ':id']],
  ['POST', ['api', 'providers', 'openai', 'v1', 'threads', ':id', 'runs', ':id']],
  ['GET', ['api', 'providers', 'openai', 'v1', 'models', ':id']],
  ['POST', ['api', 'providers', 'openai', 'v1', 'embeddings']],
  ['POST', ['api', 'custom', 'providers', 'acme', 'chat']],
];
// What an attacker mixes into a path.
const TRICKS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2e',
  '%2e',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '\\',
  '\\..\\',
  '',
  'ä',
  '%C3%A4',
  '😀',
  'chat',
  'completions',
  'v1',
  'threads',
  'x:y',
  'ft%3Aa',
  '@',
  '~',
  '%252e',
];

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9_]{1,8}$/) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKS) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...TRICKS), { minLength: 2, maxLength: 4 }).map((t) => t.join('')),
  },
);
const probe = fc.record({
  route: fc.constantFrom(...ROUTES),
  params: fc.array(segment, { minLength: 2, maxLength: 2 }),
  inserts: fc.array(fc.tuple(fc.nat(8), segment), { maxLength: 3 }),
  separator: fc.constantFrom('/', '/', '/', '\\', '//'),
  query: fc.option(
    fc.string({ maxLength: 12 }).map((q) => `?${q.replace(/[\s#]/g, '')}`),
    { nil: '' },
  ),
  key: fc.constantFrom('spend-key', 'narrow-key'),
});
type Probe = typeof probe extends fc.Arbitrary<infer T> ? T : never;

function targetOf({ route: [, segments], params, inserts, separator, query }: Probe): string {
  let p = 0;
  const parts = segments.map((s) => (s === ':id' ? (params[p++] ?? 'x') : s));
  for (const [at, inserted] of inserts) parts.splice(4 + (at % (parts.length - 3)), 0, inserted);
  return `/${parts.slice(0, 4).join('/')}/${parts.slice(4).join(separator)}${query}`;
}

describe('path safety through the pipeline (property)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  let sent = 0;

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({
      id: 'openai',
      provider: 'openai',
      setting: { url: upstream.baseUrl },
      secrets: {},
    });
    directory.addSetting({ id: 'acme', provider: 'acme', setting: {}, secrets: {} });
    // A key under a spend limit (every request is priced and reserved) and one allowed only unmetered routes.
    directory.addKey('spend-key', {
      keyId: 'spend',
      settingIds: ['openai', 'acme'],
      limits: { costLimitMicroUsd: 1_000_000_000 },
    });
    directory.addKey('narrow-key', {
      keyId: 'narrow',
      settingIds: ['openai', 'acme'],
      allowedPaths: [
        { path: `${OPENAI}/v1/threads/:thread_id`, method: 'POST' },
        { path: `${OPENAI}/v1/models/:model`, method: 'GET' },
      ],
    });
    const acme: CustomProviderSnapshot = {
      id: 'cp1',
      provider: 'acme',
      authentication_param: 'apikey',
      route_configs: [
        {
          path: '/chat',
          target_url: `${upstream.baseUrl}/v1/chat/completions`,
          model_location: 'model',
          request_prompt_location: 'messages.#.content',
          response_completion_location: 'choices.0.message.content',
        },
      ],
    };
    // Every refusal keeps its event here (none sampled away), so each request can be matched with its event.
    proxy = await startEdgeUnderTest(
      directory,
      { UNAUTHENTICATED_EVENTS_PER_SECOND: '1000000' },
      { customProviders: [acme] },
    );
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  // The provider path of the route an event names.
  const upstreamPathOf = (event: RequestCompletedV1): string =>
    event.payload.path === `${ACME}/chat` ? '/v1/chat/completions' : event.payload.path.slice(OPENAI.length);

  it('sends the provider the route the event says was priced, or nothing', async () => {
    const seen = { forwarded: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(probe, async (p) => {
        const id = String(++sent);
        const target = targetOf(p);
        const response = await rawRequest(proxy.origin, {
          method: p.route[0],
          target: Buffer.from(target, 'utf8'),
          headers: { authorization: `Bearer ${p.key}`, 'content-type': 'application/json', 'x-probe': id },
          body: p.route[0] === 'POST' ? JSON.stringify(CHAT) : '',
        });
        const received = upstream.requests.filter((r) => r.headers['x-probe'] === id);
        const requestId = response.headers['x-request-id'];
        // Refused by node's HTTP parser before the gateway saw it: nothing may have gone on.
        if (!requestId) {
          expect(received).toHaveLength(0);
          return;
        }
        const event = await expectEventually(() => {
          const found = proxy.events().find((e) => e.payload.requestId === requestId);
          if (!found) throw new Error(`no event for ${target}`);
          return found;
        });
        if (event.payload.outcome === 'rejected') {
          expect(received, target).toHaveLength(0);
          seen.refused++;
          return;
        }
        expect(received, target).toHaveLength(1);
        seen.forwarded++;
        expect(pathOf(received[0]?.path ?? ''), target).toBe(upstreamPathOf(event));
        if (upstreamPathOf(event) === '/v1/chat/completions')
          expect(event.payload.priceEntry, target).not.toBeNull();
      }),
      { numRuns: 400 },
    );
    // Both sides of the property were exercised.
    expect(seen.forwarded).toBeGreaterThan(15);
    expect(seen.refused).toBeGreaterThan(40);
  });

  it('refuses each way of naming another route with 400 in the provider’s shape, and sends nothing', async () => {
    const before = upstream.requests.length;
    for (const target of [
      `${OPENAI}/v1/threads/x\\..\\..\\chat\\completions`,
      `${OPENAI}/v1/threads/a/runs/..%2f..%2f..%2fchat%2fcompletions`,
      `${OPENAI}/v1/threads/%2E%2e/chat/completions`,
      `${OPENAI}/v1/threads/a/runs/%5c..%5c..%5c..%5cchat%5ccompletions`,
      `${OPENAI}/v1/models/../chat/completions`,
      `${ACME}/x/../chat`,
    ]) {
      const response = await rawRequest(proxy.origin, {
        method: 'POST',
        target: Buffer.from(target),
        headers: { authorization: 'Bearer narrow-key', 'content-type': 'application/json' },
        body: JSON.stringify(CHAT),
      });
      expect(response.status, target).toBe(400);
      expect(JSON.parse(response.body), target).toMatchObject({ error: { code: 'invalid_path' } });
    }
    expect(upstream.requests.length).toBe(before);
  });
});
