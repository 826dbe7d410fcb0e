import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteSnapshot } from '@tollgate/contracts';
import {
  FakeAnthropicUpstream,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  makeRoute,
  uniqueSuffix,
  type RouteOverrides,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// Routes through proxy-edge's real pipeline (real Redis for the cache), called with the official openai
// client; the providers are local fakes failing in each way a provider fails.
const MESSAGES = [{ role: 'user' as const, content: 'How far is the moon?' }];

describe('routes (/api/routes/<path>)', () => {
  const first = new FakeOpenAiUpstream();
  const second = new FakeOpenAiUpstream();
  const claude = new FakeAnthropicUpstream();
  const directory = new InMemoryKeyDirectory();
  const routes: RouteSnapshot[] = [];
  let proxy: TestProxy;

  const key = (tags: string[] = []) => {
    const raw = `key-${uniqueSuffix()}`;
    const keyId = uniqueSuffix();
    directory.addKey(raw, { keyId, tags, settingIds: ['s-first', 's-second', 's-claude'] });
    return { raw, keyId };
  };
  // A route served at /api/routes/<name>/chat/completions, so the openai client's base URL is the route's.
  const route = (keyIds: string[], overrides: RouteOverrides) => {
    const name = `r-${uniqueSuffix()}`;
    routes.push(makeRoute({ id: name, path: `/${name}/chat/completions`, keyIds, ...overrides }));
    return name;
  };
  const client = (raw: string, name: string) =>
    new OpenAI({ apiKey: raw, baseURL: `${proxy.origin}/api/routes/${name}`, maxRetries: 0 });
  const lastEvent = () => proxy.events().at(-1)?.payload;

  beforeAll(async () => {
    await Promise.all([first.start(), second.start(), claude.start()]);
    directory.addSetting({ id: 's-first', provider: 'vllm', setting: { url: first.baseUrl }, secrets: {} });
    directory.addSetting({
      id: 's-second',
      provider: 'openai',
      setting: { url: second.baseUrl },
      secrets: {},
    });
    directory.addSetting({
      id: 's-claude',
      provider: 'anthropic',
      setting: { url: claude.baseUrl },
      secrets: { apikey: 'sk-ant' },
    });
    proxy = await startEdgeUnderTest(directory, {}, { routes });
  });

  beforeEach(() => {
    first.willReply({ content: 'from the first step', promptTokens: 10, completionTokens: 4 });
    second.willReply({ content: 'from the second step', promptTokens: 10, completionTokens: 4 });
    first.requests.length = 0;
    second.requests.length = 0;
  });

  afterAll(async () => {
    await proxy.stop();
    await Promise.all([first.stop(), second.stop(), claude.stop()]);
  });

  // Two OpenAI-format steps: a vLLM server first (any OpenAI-compatible provider serves), then OpenAI.
  const vllmSteps = (step: Partial<RouteSnapshot['steps'][number]> = {}) => [
    { provider: 'vllm', model: 'gpt-4o-mini', ...step },
    { provider: 'openai', model: 'gpt-4o' },
  ];

  it('retries a step on 503, then fails over to the next step, which answers', async () => {
    const k = key();
    const name = route([k.keyId], { steps: vllmSteps({ retries: 1, retryInterval: '200ms' }) });
    first.failNext({ status: 503 }, { status: 503 });
    const started = performance.now();
    const answer = await client(k.raw, name).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(answer.choices[0]?.message.content).toBe('from the second step');
    await expectEventuallyEvent(() => lastEvent()?.routeStep === 1);
    const event = lastEvent();
    expect(event).toMatchObject({
      routeId: name,
      routeStep: 1,
      provider: 'openai',
      model: 'gpt-4o',
      status: 200,
    });
    expect(event?.routeAttempts.map((a) => [a.step, a.attempt, a.outcome, a.status])).toEqual([
      [0, 0, 'retryable_error', 503],
      [0, 1, 'retryable_error', 503],
      [1, 0, 'success', 200],
    ]);
    expect(event?.costNanoUsd).toBeGreaterThan(0);
  });

  it('honours Retry-After before retrying a 429', async () => {
    const k = key();
    const name = route([k.keyId], { steps: vllmSteps({ retries: 1, retryInterval: '10ms' }) });
    first.failNext({ status: 429, retryAfter: '1' });
    const started = performance.now();
    const answer = await client(k.raw, name).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(answer.choices[0]?.message.content).toBe('from the first step');
    await expectEventuallyEvent(() => lastEvent()?.routeAttempts.length === 2);
    expect(lastEvent()).toMatchObject({ routeStep: 0 });
  });

  it('answers any other 4xx at once, without retrying or failing over', async () => {
    const k = key();
    const name = route([k.keyId], { steps: vllmSteps({ retries: 2 }) });
    first.failNext({ status: 400 });
    await expect(
      client(k.raw, name).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES }),
    ).rejects.toMatchObject({ status: 400 });
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(0);
    await expectEventuallyEvent(() => lastEvent()?.status === 400);
    expect(lastEvent()?.routeAttempts.map((a) => a.outcome)).toEqual(['fatal_error']);
  });

  it('fails over past an attempt that hangs beyond the step timeout, and past a reset before the headers', async () => {
    const k = key();
    const name = route([k.keyId], {
      steps: vllmSteps({ retries: 1, timeout: '300ms', retryInterval: '10ms' }),
    });
    first.failNext({ hangMs: 3_000 }, { reset: 'before_headers' });
    const started = performance.now();
    const answer = await client(k.raw, name).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(answer.choices[0]?.message.content).toBe('from the second step');
    await expectEventuallyEvent(() => lastEvent()?.routeStep === 1);
    expect(lastEvent()?.routeAttempts.map((a) => a.outcome)).toEqual([
      'timeout',
      'connection_error',
      'success',
    ]);
  });

  it('fails a stream over while no byte has reached the client, never after', async () => {
    const k = key();
    const name = route([k.keyId], { steps: vllmSteps() });
    first.failNext({ reset: 'after_headers' });
    const stream = await client(k.raw, name).chat.completions.create({
      model: 'gpt-4o',
      messages: MESSAGES,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('from the second step');
    await expectEventuallyEvent(() => lastEvent()?.routeStep === 1);
    expect(lastEvent()?.routeAttempts.map((a) => a.outcome)).toEqual(['connection_error', 'success']);

    first.failNext({ reset: 'during_stream' });
    const broken = await client(k.raw, name).chat.completions.create({
      model: 'gpt-4o',
      messages: MESSAGES,
      stream: true,
    });
    const read = async () => {
      for await (const _ of broken) void _;
    };
    await expect(read()).rejects.toThrow();
    expect(second.requests).toHaveLength(1);
    await expectEventuallyEvent(() => lastEvent()?.outcome === 'gateway_error');
    expect(lastEvent()?.routeAttempts.map((a) => a.outcome)).toEqual(['success']);
  });

  it('refuses a key that is not one of the route keys (403)', async () => {
    const allowed = key();
    const other = key();
    const name = route([allowed.keyId], { steps: vllmSteps() });
    await expect(
      client(other.raw, name).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES }),
    ).rejects.toMatchObject({ status: 403 });
    expect(first.requests).toHaveLength(0);
  });

  it('caches per key: a hit costs nothing and is marked, another key misses unless the route shares by tags', async () => {
    const a = key(['team-a']);
    const b = key(['team-a']);
    const cacheConfig = { enabled: true, ttl: '1h', shared: false };
    const own = route([a.keyId, b.keyId], { steps: vllmSteps(), cacheConfig });
    const shared = route([a.keyId, b.keyId], {
      steps: vllmSteps(),
      cacheConfig: { ...cacheConfig, shared: true },
    });
    const call = async (raw: string, name: string) => {
      const { data, response } = await client(raw, name)
        .chat.completions.create({ model: 'gpt-4o', messages: MESSAGES })
        .withResponse();
      return { text: data.choices[0]?.message.content, cache: response.headers.get('x-tollgate-cache') };
    };
    expect(await call(a.raw, own)).toEqual({ text: 'from the first step', cache: 'miss' });
    await expectEventuallyEvent(() => lastEvent()?.cache === 'miss');
    await waitForCacheWrite();
    expect(await call(a.raw, own)).toEqual({ text: 'from the first step', cache: 'hit' });
    await expectEventuallyEvent(() => lastEvent()?.cache === 'hit');
    expect(lastEvent()).toMatchObject({ costNanoUsd: 0, usage: { totalTokens: 0, estimated: false } });
    expect(await call(b.raw, own)).toMatchObject({ cache: 'miss' });
    expect(first.requests).toHaveLength(2);

    expect(await call(a.raw, shared)).toMatchObject({ cache: 'miss' });
    await waitForCacheWrite();
    expect(await call(b.raw, shared)).toMatchObject({ cache: 'hit' });
    expect(first.requests).toHaveLength(3);
  });

  it('replays a cached stream as the same SSE', async () => {
    const k = key();
    const name = route([k.keyId], {
      steps: vllmSteps(),
      cacheConfig: { enabled: true, ttl: '1h', shared: false },
    });
    const streamed = async () => {
      const stream = await client(k.raw, name).chat.completions.create({
        model: 'gpt-4o',
        messages: MESSAGES,
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    expect(await streamed()).toBe('from the first step');
    await waitForCacheWrite();
    expect(await streamed()).toBe('from the first step');
    expect(first.requests).toHaveLength(1);
    await expectEventuallyEvent(() => lastEvent()?.cache === 'hit');
  });

  it('translates an OpenAI chat request to an Anthropic step and back, streamed and not', async () => {
    const k = key();
    const name = route([k.keyId], { steps: [{ provider: 'anthropic', model: 'claude-sonnet-4-6' }] });
    claude.willReply({ text: 'Claude says hi', inputTokens: 12, outputTokens: 6 });
    const answer = await client(k.raw, name).chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'system', content: 'Be brief.' }, ...MESSAGES],
    });
    expect(answer.choices[0]?.message.content).toBe('Claude says hi');
    expect(answer.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 6 });
    const sent = JSON.parse(claude.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({ model: 'claude-sonnet-4-6', system: expect.anything() });
    await expectEventuallyEvent(() => lastEvent()?.provider === 'anthropic');
    expect(lastEvent()).toMatchObject({
      model: 'claude-sonnet-4-6',
      usage: { promptTokens: 12, completionTokens: 6 },
    });

    const stream = await client(k.raw, name).chat.completions.create({
      model: 'gpt-4o',
      messages: MESSAGES,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Claude says hi');
    await expectEventuallyEvent(() => lastEvent()?.stream === true && lastEvent()?.provider === 'anthropic');
    expect(lastEvent()?.usage).toMatchObject({ promptTokens: 12, completionTokens: 6 });
  });

  async function expectEventuallyEvent(check: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }
});

// The cache is written after the response has ended, off its path.
function waitForCacheWrite(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
