import OpenAI from 'openai';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KeyLimits } from '@tollgate/contracts';
import { WindowLimiter } from '@tollgate/limits';
import { estimatePromptTokens, PriceCatalog, reservationNanoUsd, tokenCounter } from '@tollgate/pricing';
import {
  expectEventually,
  FakeOpenAiUpstream,
  infraEnv,
  InMemoryKeyDirectory,
  uniqueSuffix,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// The proxy's admission against real Redis, through the official openai client: 50 concurrent requests
// against a limit of 10 let exactly 10 through, for every kind of limit.
const MODEL = 'gpt-4o';
const BODY = {
  model: MODEL,
  messages: [{ role: 'user' as const, content: 'How far is the moon?' }],
  max_tokens: 100,
};

async function statuses(
  n: number,
  send: () => Promise<unknown>,
): Promise<{ ok: number; refused: unknown[] }> {
  const results = await Promise.allSettled(Array.from({ length: n }, send));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    refused: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}

describe('proxy admission (real Redis)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  const redis = new Redis(infraEnv.redisUrl);
  let proxy: TestProxy;
  // What admission reserves for BODY: its prompt counted with gpt-tokenizer plus max_tokens.
  let reservedTokens = 0;
  let reservedNanoUsd = 0;
  // The largest limit in micro-dollars (the unit limits are configured in) short of an 11th reservation.
  let tenReservationsMicroUsd = 0;

  // A fresh key (and its own counters) per test.
  const keyWith = (
    limits: Partial<KeyLimits>,
    extra: Parameters<InMemoryKeyDirectory['addKey']>[1] = { keyId: '' },
  ) => {
    const raw = `key-${uniqueSuffix()}`;
    directory.addKey(raw, { settingIds: ['s1'], ...extra, keyId: extra.keyId || uniqueSuffix(), limits });
    return raw;
  };
  const chat = (key: string, body: object = BODY) =>
    proxy.openai(key).chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming);

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    proxy = await startEdgeUnderTest(directory);
    reservedTokens = estimatePromptTokens(await tokenCounter(MODEL), BODY) + 100;
    const price = PriceCatalog.seed().resolve('openai', MODEL);
    if (!price) throw new Error('gpt-4o must be in the catalog');
    reservedNanoUsd = reservationNanoUsd(reservedTokens - 100, 100, price);
    tenReservationsMicroUsd = Math.floor((11 * reservedNanoUsd - 1) / 1000);
  });

  beforeEach(() =>
    upstream.willReply({ content: 'About 384,400 km.', promptTokens: 14, completionTokens: 9 }),
  );

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
    await redis.quit();
  });

  it.each([
    ['request rate per day', () => ({ rateLimits: [{ limit: 10, unit: 'd' as const }] })],
    [
      'tokens per day',
      () => ({ tokenLimits: [{ limit: 10 * reservedTokens + reservedTokens - 1, unit: 'd' as const }] }),
    ],
    [
      'spend per month',
      () => ({
        costLimits: [{ limitMicroUsd: tenReservationsMicroUsd, unit: 'mo' as const }],
      }),
    ],
    ['total spend', () => ({ costLimitMicroUsd: tenReservationsMicroUsd })],
  ])('key %s: 50 concurrent requests against a limit of 10 let exactly 10 through', async (_, limits) => {
    const key = keyWith(limits());
    const { ok, refused } = await statuses(50, () => chat(key));
    expect(ok).toBe(10);
    expect(refused).toHaveLength(40);
    for (const error of refused) expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('in flight: 50 concurrent requests against a cap of 10 let exactly 10 through, and the slots free up', async () => {
    upstream.willReply({ content: 'slow', promptTokens: 3, completionTokens: 1, headersDelayMs: 300 });
    const key = keyWith({ maxInFlightRequests: 10 });
    const { ok, refused } = await statuses(50, () => chat(key));
    expect(ok).toBe(10);
    expect((refused[0] as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('1');
    // Every slot was released when its response ended: ten more fit at once.
    expect((await statuses(10, () => chat(key))).ok).toBe(10);
  });

  it('frees an in-flight slot when the client goes away mid-stream', async () => {
    upstream.willReply({
      content: 'a b c d e f g h',
      promptTokens: 3,
      completionTokens: 8,
      chunkDelayMs: 200,
    });
    const key = keyWith({ maxInFlightRequests: 1 });
    const abort = new AbortController();
    const stream = await proxy
      .openai(key)
      .chat.completions.create({ ...BODY, stream: true }, { signal: abort.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await expect(chat(key)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    abort.abort();
    await expectEventually(async () => expect(await chat(key)).toMatchObject({ object: 'chat.completion' }), {
      timeoutMs: 3_000,
      intervalMs: 50,
    });
  });

  it('answers 429 with Retry-After and x-ratelimit headers, and the user-facing limit in the message', async () => {
    const key = keyWith({ rateLimits: [{ limit: 1, unit: 'h' }] });
    await chat(key);
    const res = await fetch(`${proxy.openAiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(BODY),
    });
    expect(res.status).toBe(429);
    const secondsToHour = Math.ceil((3_600_000 - (Date.now() % 3_600_000)) / 1000);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(secondsToHour);
    expect(res.headers.get('x-ratelimit-limit')).toBe('1');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset')).toBe(res.headers.get('retry-after'));
    expect(await res.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('request rate limit per h of 1') },
    });
  });

  it('applies the user limits of the body’s user id to every request, beside the key’s', async () => {
    const tag = `team-${uniqueSuffix()}`;
    const key = keyWith({}, { keyId: '', tags: [tag] });
    directory.addUser({
      id: uniqueSuffix(),
      userId: 'alice',
      tags: [tag],
      limits: { rateLimits: [{ limit: 10, unit: 'd' }] },
    });
    const { ok, refused } = await statuses(50, () => chat(key, { ...BODY, user: 'alice' }));
    expect(ok).toBe(10);
    expect((refused[0] as Error).message).toContain('for user: alice');
    // Another user id under the same key is not limited by alice's window.
    expect(await chat(key, { ...BODY, user: 'bob' })).toMatchObject({ object: 'chat.completion' });
  });

  it('refuses a revoked or expired user, and a model or path the user may not use', async () => {
    const tag = `team-${uniqueSuffix()}`;
    const key = keyWith({}, { keyId: '', tags: [tag] });
    directory.addUser({ id: uniqueSuffix(), userId: 'gone', tags: [tag], revoked: true });
    directory.addUser({
      id: uniqueSuffix(),
      userId: 'old',
      tags: [tag],
      limits: { expiresAt: new Date(Date.now() - 1).toISOString() },
    });
    directory.addUser({
      id: uniqueSuffix(),
      userId: 'mini-only',
      tags: [tag],
      allowedModels: ['gpt-4o-mini'],
    });
    directory.addUser({
      id: uniqueSuffix(),
      userId: 'embed-only',
      tags: [tag],
      allowedPaths: [{ path: '/api/providers/openai/v1/embeddings', method: 'POST' }],
    });
    await expect(chat(key, { ...BODY, user: 'gone' })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('user is revoked: gone'),
    });
    await expect(chat(key, { ...BODY, user: 'old' })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('user has expired: old'),
    });
    await expect(chat(key, { ...BODY, user: 'mini-only' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('model: gpt-4o forbidden for user: mini-only'),
    });
    await expect(chat(key, { ...BODY, user: 'embed-only' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining(
        'path: /api/providers/openai/v1/chat/completions forbidden for user: embed-only',
      ),
    });
  });

  it('refuses a key whose TTL has run out on the very next request', async () => {
    const key = keyWith({ expiresAt: new Date(Date.now() + 400).toISOString() });
    expect(await chat(key)).toMatchObject({ object: 'chat.completion' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(chat(key)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('expired'),
    });
  });

  it('refuses a path outside allowedPaths and a model the provider setting does not allow (403)', async () => {
    const embeddingsOnly = keyWith(
      {},
      { keyId: '', allowedPaths: [{ path: '/api/providers/openai/v1/embeddings', method: 'POST' }] },
    );
    await expect(chat(embeddingsOnly)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('path is not allowed'),
    });
    directory.addSetting({
      id: 's-mini',
      provider: 'openai',
      setting: { url: upstream.baseUrl },
      secrets: {},
      allowedModels: ['gpt-4o-mini'],
    });
    const miniOnly = keyWith({}, { keyId: '', settingIds: ['s-mini'] });
    await expect(chat(miniOnly)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('model is not allowed'),
    });
    expect(await chat(miniOnly, { ...BODY, model: 'gpt-4o-mini' })).toMatchObject({
      object: 'chat.completion',
    });
  });

  it('refuses a model without a price where a spend limit applies, and records it unpriced elsewhere', async () => {
    const limited = keyWith({ costLimitMicroUsd: 1_000_000 });
    await expect(chat(limited, { ...BODY, model: 'my-own-model' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('model my-own-model has no price'),
    });
    const unlimited = keyWith({});
    const before = proxy.events().length;
    await chat(unlimited, { ...BODY, model: 'my-own-model' });
    await expectEventually(() => expect(proxy.events().length).toBe(before + 1));
    expect(proxy.events().at(-1)?.payload).toMatchObject({
      model: 'my-own-model',
      priceEntry: null,
      costNanoUsd: null,
    });
  });

  it('puts an Azure deployment through the setting’s allow-list and the unknown-model policy, and bills the response’s model', async () => {
    directory.addSetting({
      id: 'azure-prod',
      provider: 'azure',
      setting: { resourceName: 'r', url: upstream.baseUrl, deployments: 'prod-chat=gpt-4o-mini' },
      secrets: {},
      allowedModels: ['gpt-4o-mini', 'house-deployment'],
    });
    const keyId = uniqueSuffix();
    const key = keyWith({ costLimitMicroUsd: 1_000_000 }, { keyId, settingIds: ['azure-prod'] });
    const send = (deployment: string) =>
      fetch(
        `${proxy.origin}/api/providers/azure/openai/deployments/${deployment}/chat/completions?api-version=2024-10-21`,
        {
          method: 'POST',
          headers: { 'api-key': key, 'content-type': 'application/json' },
          // The body's model is ignored by Azure: it opens no allow-list.
          body: JSON.stringify({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'Hi' }],
            max_tokens: 9,
          }),
        },
      );
    const other = await send('gpt4-big');
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'model_not_allowed' } });
    // Allowed by name, but it serves no priced model: never billed $0 under a spend limit.
    const unpriced = await send('house-deployment');
    expect(unpriced.status).toBe(403);
    expect(await unpriced.json()).toMatchObject({
      error: { code: 'unknown_model_price', message: expect.stringContaining('"house-deployment=gpt-4o"') },
    });
    const mapped = await send('prod-chat');
    expect(mapped.status).toBe(200);
    await expectEventually(() =>
      expect(proxy.events().filter((e) => e.payload.keyId === keyId)).toHaveLength(3),
    );
    const billed = proxy.events().filter((e) => e.payload.keyId === keyId)[2]?.payload;
    // Reserved as gpt-4o-mini (the mapping), billed as the model the response names: azure/gpt-4o-mini,
    // 14 × 0.165 + 9 × 0.66 = 8.25 micro-dollars.
    expect(billed).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 8_250,
    });
    expect(billed?.admission?.reservedNanoUsd).toBeGreaterThan(0);
  });

  it('records the reservation it charged and the cost from the provider’s usage on the event', async () => {
    const keyId = uniqueSuffix();
    const key = keyWith(
      { costLimitMicroUsd: 1_000_000, tokenLimits: [{ limit: 100_000, unit: 'm' }] },
      { keyId },
    );
    await chat(key);
    await expectEventually(() => expect(proxy.events().some((e) => e.payload.keyId === keyId)).toBe(true));
    const event = proxy.events().find((e) => e.payload.keyId === keyId);
    // gpt-4o: 14 prompt tokens × 2.5 + 9 completion tokens × 10 = 125 micro-dollars.
    expect(event?.payload).toMatchObject({ priceEntry: 'gpt-4o', costNanoUsd: 125_000 });
    expect(event?.payload.admission).toMatchObject({ reservedNanoUsd, reservedTokens });
    const [total] = event?.payload.admission?.costCounters ?? [];
    expect(Number(await redis.get(total ?? ''))).toBe(reservedNanoUsd);
    expect(event?.payload.admission?.tokenCounters).toHaveLength(1);
  });
});

describe('streams that end at their limits (real Redis)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    // Small steps keep the arithmetic visible: 5 output tokens reserved, then 5 more at a time.
    proxy = await startEdgeUnderTest(directory, {
      LIMITS_DEFAULT_MAX_OUTPUT_TOKENS: '5',
      LIMITS_STREAM_STEP_TOKENS: '5',
    });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it('ends a stream at the token limit with finish_reason "length", which the SDK reads as a normal end', async () => {
    const words = Array.from({ length: 40 }, (_, i) => ['alpha', 'bravo', 'delta', 'echo'][i % 4]).join(' ');
    upstream.willReply({ content: words, promptTokens: 12, completionTokens: 40, chunkDelayMs: 10 });
    const body = {
      model: MODEL,
      messages: [{ role: 'user' as const, content: 'Spell the alphabet' }],
      stream: true as const,
    };
    const count = await tokenCounter(MODEL);
    const prompt = estimatePromptTokens(count, body);
    // Room for the prompt, the 5 reserved output tokens and one step of 5 more: never a second step.
    const keyId = uniqueSuffix();
    directory.addKey('capped', {
      keyId,
      settingIds: ['s1'],
      limits: { tokenLimits: [{ limit: prompt + 10, unit: 'd' }], endStreamsAtLimit: true },
    });
    const cutBefore = upstream.streamsCutShort;
    const stream = await proxy.openai('capped').chat.completions.create(body);
    let text = '';
    // The gateway counts each delta as it passes (a provider sends about a token per delta; the fake sends
    // a word and its space, so here each counts about 2).
    let counted = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content ?? '';
      text += delta;
      counted += count(delta);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe('length');
    expect(counted).toBeGreaterThan(5);
    expect(counted).toBeLessThanOrEqual(10);
    expect(words.startsWith(text)).toBe(true);
    // The upstream call was ended too: the provider stops generating what no one pays for.
    await expectEventually(() => expect(upstream.streamsCutShort).toBe(cutBefore + 1));
    await expectEventually(() => expect(proxy.events().some((e) => e.payload.keyId === keyId)).toBe(true));
    const event = proxy.events().find((e) => e.payload.keyId === keyId);
    expect(event?.payload).toMatchObject({
      outcome: 'success',
      errorCode: 'stream_capped',
      priceEntry: 'gpt-4o',
    });
    // Billed for what was sent (counted, so marked estimated), and the extension is part of the reservation.
    expect(event?.payload.usage).toMatchObject({ estimated: true, completionTokens: count(text) });
    expect(event?.payload.admission?.reservedTokens).toBe(prompt + 10);
  });

  it('does not cap a key without endStreamsAtLimit: its stream runs to the end', async () => {
    upstream.willReply({
      content: 'one two three four five six seven eight nine ten eleven twelve',
      promptTokens: 5,
      completionTokens: 12,
    });
    directory.addKey('uncapped', {
      keyId: uniqueSuffix(),
      settingIds: ['s1'],
      limits: { tokenLimits: [{ limit: 100_000, unit: 'd' }] },
    });
    const stream = await proxy
      .openai('uncapped')
      .chat.completions.create({ ...BODY, max_tokens: undefined, stream: true });
    let finish: string | null = null;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('stop');
  });
});

describe('proxy admission failing open', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  const redis = new Redis(infraEnv.redisUrl);
  let proxy: TestProxy;
  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    proxy = await startEdgeUnderTest(directory, { LIMITS_ON_REDIS_ERROR: 'fail_open' });
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
    await redis.quit();
  });
  const send = (key: string, body: string) =>
    fetch(`${proxy.openAiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });

  it.each([
    ['max_tokens of 1e300', '1e300'],
    ['max_tokens past 2^53', '18014398509481984'],
  ])(
    'refuses a request whose %s no counter can hold (400), never admitting it without limits',
    async (_, max) => {
      const key = `key-${uniqueSuffix()}`;
      directory.addKey(key, {
        keyId: uniqueSuffix(),
        settingIds: ['s1'],
        limits: { costLimitMicroUsd: 1_000_000 },
      });
      const body = `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_tokens":${max}}`;
      const calls = upstream.requests.length;
      const res = await send(key, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'cost_not_reservable' } });
      expect(upstream.requests.length).toBe(calls);
    },
  );

  it('answers 503 when Redis answers with an error, even under fail_open: only an unreachable Redis fails open', async () => {
    const keyId = uniqueSuffix();
    const key = `key-${keyId}`;
    directory.addKey(key, { keyId, settingIds: ['s1'], limits: { rateLimits: [{ limit: 5, unit: 'd' }] } });
    const ok = await send(key, JSON.stringify(BODY));
    expect(ok.status).toBe(200);
    // A counter that is not a number: the admission script fails inside Redis.
    const counter = new WindowLimiter(redis).counterKey(
      { subject: `key:${keyId}:rate[d]`, unit: 'd' },
      Date.now(),
    );
    expect(await redis.get(counter)).toBe('1');
    await redis.set(counter, 'not a number', 'EX', 60);
    const res = await send(key, JSON.stringify(BODY));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'limits_unavailable' } });
  });
});

describe('proxy admission with Redis unreachable', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addKey('limited', {
      keyId: 'k-limited',
      settingIds: ['s1'],
      limits: { rateLimits: [{ limit: 5, unit: 'm' }] },
    });
    directory.addKey('free', { keyId: 'k-free', settingIds: ['s1'] });
  });
  afterAll(() => upstream.stop());

  it.each([
    ['fail_closed', 503],
    ['fail_open', 200],
  ])(
    '%s answers %s for a key with limits, and never touches Redis for a key without',
    async (mode, status) => {
      const proxy = await startEdgeUnderTest(directory, {
        REDIS_URL: 'redis://127.0.0.1:1',
        LIMITS_ON_REDIS_ERROR: mode,
      });
      try {
        const send = (key: string) =>
          fetch(`${proxy.openAiBaseUrl}/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(BODY),
          });
        const limited = await send('limited');
        expect(limited.status).toBe(status);
        if (status === 503)
          expect(await limited.json()).toMatchObject({ error: { code: 'limits_unavailable' } });
        expect((await send('free')).status).toBe(200);
      } finally {
        await proxy.stop();
      }
    },
  );
});
