import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeAnthropicUpstream, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';

interface V2Event {
  key_id: string;
  routeId: string;
  routeStep: number | null;
  cache: string | null;
  cost_in_usd: number;
  provider: string;
  model: string;
  custom_id: string;
}

// Routes through the whole gateway: created with the admin API, pushed to proxy-edge, called with the official
// openai client; providers are local fakes failing in each way a provider fails; events read back from
// ClickHouse through /api/v2/events.
describe('routes', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const first = new FakeOpenAiUpstream();
  const second = new FakeOpenAiUpstream();
  const claude = new FakeAnthropicUpstream();
  const keys = { a: `tg-routes-a-${randomUUID()}`, b: `tg-routes-b-${randomUUID()}` };
  const keyIds: string[] = [];
  const tag = `routes-${randomUUID()}`;
  const messages = [{ role: 'user' as const, content: 'How far is the moon?' }];

  const client = (key: string, name: string) =>
    new OpenAI({ apiKey: key, baseURL: `${gateway.proxyUrl}/api/routes/${name}`, maxRetries: 0 });
  const createRoute = async (body: Record<string, unknown>) => {
    const name = `r-${randomUUID()}`;
    const res = await admin.raw(
      'POST',
      '/api/routes',
      JSON.stringify({
        name,
        path: `/${name}/chat/completions`,
        keyIds,
        cacheConfig: { enabled: false },
        ...body,
      }),
    );
    const created = (await res.json()) as { id: string };
    expect(res.status).toBe(200);
    return { name, id: created.id };
  };
  const searchEvents = async (filter: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    const res = await admin.raw(
      'POST',
      '/api/v2/events',
      JSON.stringify({ start: now - 600, end: now + 60, dateOrder: 'asc', limit: 1000, ...filter }),
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: V2Event[] }).events;
  };
  // The route's events as the keys' events show them, and as the routeIds filter finds them: the same.
  const eventsOf = (routeId: string, n: number) =>
    expectEventually(
      async () => {
        const ofKeys = (await searchEvents({ keyIds })).filter((e) => e.routeId === routeId);
        expect(ofKeys).toHaveLength(n);
        const byRoute = await searchEvents({ routeIds: [routeId] });
        expect(byRoute).toEqual(ofKeys);
        return byRoute;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `${n} events of route ${routeId}` },
    );

  beforeAll(async () => {
    await Promise.all([first.start(), second.start(), claude.start()]);
    first.willReply({ content: 'from the first step', promptTokens: 10, completionTokens: 4 });
    second.willReply({ content: 'from the second step', promptTokens: 10, completionTokens: 4 });
    claude.willReply({ text: 'Claude says hi', inputTokens: 12, outputTokens: 6 });
    const settings = await Promise.all([
      admin.createProviderSetting({ provider: 'vllm', setting: { url: first.baseUrl } }),
      admin.createProviderSetting({ provider: 'openai', setting: { apikey: 'sk-up', url: second.baseUrl } }),
      admin.createProviderSetting({
        provider: 'anthropic',
        setting: { apikey: 'sk-ant', url: claude.baseUrl },
      }),
    ]);
    for (const key of [keys.a, keys.b]) {
      const created = await admin.createKey({
        name: 'routes',
        key,
        tags: [tag],
        settingIds: settings.map((s) => s.id),
      });
      keyIds.push(created.keyId);
      await msUntil(gateway.proxyUrl, key, 'accepted');
    }
  });

  afterAll(async () => {
    await Promise.all([first.stop(), second.stop(), claude.stop()]);
  });

  const twoSteps = {
    retryStrategy: 'exponential',
    steps: [
      { provider: 'vllm', model: 'gpt-4o-mini', retries: 2, retryInterval: '100ms', timeout: '500ms' },
      { provider: 'openai', model: 'gpt-4o' },
    ],
  };

  it('retries with backoff past a 429 (Retry-After) and a hang, fails over past a reset, and records every attempt', async () => {
    const route = await createRoute(twoSteps);
    first.failNext({ status: 429, retryAfter: '1' }, { hangMs: 2_000 }, { reset: 'before_headers' });
    const started = performance.now();
    const answer = await client(keys.a, route.name).chat.completions.create({ model: 'gpt-4o', messages });
    const took = performance.now() - started;
    expect(answer.choices[0]?.message.content).toBe('from the second step');
    // 1 s Retry-After + a 500 ms attempt timeout, plus the second backoff (at most 200 ms).
    expect(took).toBeGreaterThanOrEqual(1_450);
    expect(took).toBeLessThan(5_000);
    const [event] = await eventsOf(route.id, 1);
    expect(event).toMatchObject({ routeStep: 1, provider: 'openai', model: 'gpt-4o', cache: null });
    expect(event?.cost_in_usd).toBeGreaterThan(0);
  });

  it('never fails a stream over once its first byte has reached the client', async () => {
    const route = await createRoute(twoSteps);
    const before = second.requests.length;
    first.failNext({ reset: 'during_stream' });
    const stream = await client(keys.a, route.name).chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
    });
    const read = async () => {
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    await expect(read()).rejects.toThrow();
    expect(second.requests.length).toBe(before);
    const [event] = await eventsOf(route.id, 1);
    expect(event?.routeStep).toBe(0);
  });

  it('caches per key (no hit across keys) unless the route shares by tags; hits cost nothing', async () => {
    const own = await createRoute({
      steps: [{ provider: 'openai', model: 'gpt-4o' }],
      cacheConfig: { enabled: true, ttl: '1h' },
    });
    const shared = await createRoute({
      steps: [{ provider: 'openai', model: 'gpt-4o' }],
      cacheConfig: { enabled: true, ttl: '1h', shared: true },
    });
    const call = async (key: string, name: string) => {
      const { data, response } = await client(key, name)
        .chat.completions.create({ model: 'gpt-4o', messages })
        .withResponse();
      // The store is written once the response has ended, off its path.
      await new Promise((resolve) => setTimeout(resolve, 150));
      return [data.choices[0]?.message.content, response.headers.get('x-tollgate-cache')];
    };
    expect(await call(keys.a, own.name)).toEqual(['from the second step', 'miss']);
    expect(await call(keys.a, own.name)).toEqual(['from the second step', 'hit']);
    expect(await call(keys.b, own.name)).toEqual(['from the second step', 'miss']);
    expect(await call(keys.a, shared.name)).toEqual(['from the second step', 'miss']);
    expect(await call(keys.b, shared.name)).toEqual(['from the second step', 'hit']);
    const events = await eventsOf(own.id, 3);
    // The three land within a second: events of the same second come back in no particular order.
    expect(events.map((e) => [e.cache, e.cost_in_usd > 0]).sort()).toEqual([
      ['hit', false],
      ['miss', true],
      ['miss', true],
    ]);
  });

  it('translates the openai client to an Anthropic step and back, streamed and not', async () => {
    const route = await createRoute({ steps: [{ provider: 'anthropic', model: 'claude-sonnet-4-6' }] });
    const answer = await client(keys.a, route.name).chat.completions.create({ model: 'gpt-4o', messages });
    expect(answer.choices[0]?.message.content).toBe('Claude says hi');
    expect(answer.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 6 });
    const stream = await client(keys.a, route.name).chat.completions.create({
      model: 'gpt-4o',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Claude says hi');
    expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 6 });
    const events = await eventsOf(route.id, 2);
    expect(events.map((e) => [e.provider, e.model, e.routeStep])).toEqual([
      ['anthropic', 'claude-sonnet-4-6', 0],
      ['anthropic', 'claude-sonnet-4-6', 0],
    ]);
  });

  it('refuses a key that is not one of the route keys (403)', async () => {
    const route = await createRoute({
      keyIds: [keyIds[0]],
      steps: [{ provider: 'openai', model: 'gpt-4o' }],
    });
    await expect(
      client(keys.b, route.name).chat.completions.create({ model: 'gpt-4o', messages }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
