import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestCompletedV1Payload } from '@tollgate/contracts';
import {
  expectEventually,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  uniqueSuffix,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// Usage that arrives after the call that caused it, through the proxy with the official openai client and
// real Redis (the claims that bill each usage once): assistants runs, their steps, background responses.
// gpt-4o: 2.5 micro-dollars a prompt token, 10 a completion token.
const RUN = { content: 'Paris is the capital.', promptTokens: 300, completionTokens: 40 };
const RUN_COST = (300 * 2.5 + 40 * 10) * 1000; // 1,150 micro-dollars in nano-dollars

describe('late usage through the proxy (real Redis)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;

  // A key of its own per test, so its events can be told apart.
  const newKey = (limits: Record<string, unknown> = {}) => {
    const keyId = uniqueSuffix();
    directory.addKey(`key-${keyId}`, { keyId, settingIds: ['s1'], limits });
    return { keyId, client: proxy.openai(`key-${keyId}`) };
  };
  const eventsOf = (keyId: string): RequestCompletedV1Payload[] =>
    proxy
      .events()
      .map((e) => e.payload)
      .filter((p) => p.keyId === keyId);
  // Waits until every request sent so far with the key has its event.
  const settledEvents = async (keyId: string, count: number) =>
    expectEventually(() => {
      const events = eventsOf(keyId);
      expect(events).toHaveLength(count);
      return events;
    });
  // Every request of a thread reached the upstream (none was refused): one event each.
  const sentTo = (thread: string) =>
    upstream.requests.filter((r) => r.path.includes(`/threads/${thread}/`)).length;
  const billed = (events: RequestCompletedV1Payload[]) =>
    events.reduce((sum, e) => sum + (e.costNanoUsd ?? 0), 0);

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    proxy = await startEdgeUnderTest(directory);
  });
  beforeEach(() => {
    upstream.willReply(RUN);
    upstream.runs.pollsBeforeDone = 1;
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it('bills a non-streamed run once, when a retrieval first shows it ended, however often it is fetched', async () => {
    const { keyId, client } = newKey();
    const run = await client.beta.threads.runs.createAndPoll(
      'thread_a',
      { assistant_id: 'asst_1', model: 'gpt-4o' },
      { pollIntervalMs: 5 },
    );
    expect(run).toMatchObject({ status: 'completed', usage: { prompt_tokens: 300 } });
    // Created (queued), polled while in progress, then polled ended: three requests.
    const polled = await settledEvents(keyId, 3);
    expect(polled.map((e) => e.costNanoUsd)).toEqual([0, 0, RUN_COST]);
    expect(polled[2]).toMatchObject({
      model: 'gpt-4o',
      priceEntry: 'gpt-4o',
      usage: { promptTokens: 300, completionTokens: 40, estimated: false },
      lateUsageBilled: [`run:${run.id}`],
    });
    // Fetched again, listed, its steps read: nothing more.
    await client.beta.threads.runs.retrieve(run.id, { thread_id: 'thread_a' });
    await client.beta.threads.runs.list('thread_a');
    await client.beta.threads.runs.steps.list(run.id, { thread_id: 'thread_a' });
    expect(billed(await settledEvents(keyId, 6))).toBe(RUN_COST);
  });

  it('bills finished steps as they are seen and the rest of the run when it ends: the sum is the run’s usage', async () => {
    const { keyId, client } = newKey();
    upstream.runs.pollsBeforeDone = 2;
    const run = await client.beta.threads.runs.create('thread_b', {
      assistant_id: 'asst_1',
      model: 'gpt-4o',
    });
    // Its creation has been settled (the gateway now knows the run's model, which steps do not name); a step
    // read before that is billed with the run's remainder instead.
    await settledEvents(keyId, 1);
    // The run is in progress; its first step has ended: 100 prompt tokens.
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: 'thread_b' });
    expect(steps.data.map((s) => s.status)).toEqual(['completed', 'in_progress']);
    const [, stepsEvent] = await settledEvents(keyId, 2);
    expect(stepsEvent?.costNanoUsd).toBe(100 * 2.5 * 1000);
    const ended = await client.beta.threads.runs.poll(
      run.id,
      { thread_id: 'thread_b' },
      { pollIntervalMs: 5 },
    );
    expect(ended.status).toBe('completed');
    // Steps read again after the end, and a step on its own: already billed with the run.
    const [first, second] = (await client.beta.threads.runs.steps.list(run.id, { thread_id: 'thread_b' }))
      .data;
    await client.beta.threads.runs.steps.retrieve(second?.id ?? '', {
      thread_id: 'thread_b',
      run_id: run.id,
    });
    expect(first?.usage?.prompt_tokens).toBe(100);
    expect(billed(await settledEvents(keyId, sentTo('thread_b')))).toBe(RUN_COST);
  });

  it('bills a streamed run from its end event, and not again when it is fetched later', async () => {
    const { keyId, client } = newKey();
    const stream = await client.beta.threads.runs.create('thread_c', {
      assistant_id: 'asst_1',
      model: 'gpt-4o',
      stream: true,
    });
    let runId = '';
    for await (const event of stream) if (event.event === 'thread.run.completed') runId = event.data.id;
    const [streamed] = await settledEvents(keyId, 1);
    expect(streamed).toMatchObject({
      costNanoUsd: RUN_COST,
      stream: true,
      lateUsageBilled: [`run:${runId}`],
    });
    await client.beta.threads.runs.retrieve(runId, { thread_id: 'thread_c' });
    expect(billed(await settledEvents(keyId, 2))).toBe(RUN_COST);
  });

  it('refuses a run without declared bounds to a key with a spend limit, and holds the reservation of a bounded one until it is billed', async () => {
    const { keyId, client } = newKey({ costLimitMicroUsd: 10_000_000 });
    await expect(
      client.beta.threads.runs.create('thread_d', { assistant_id: 'asst_1', model: 'gpt-4o' }),
    ).rejects.toMatchObject({ status: 400, code: 'cost_not_reservable' });
    const run = await client.beta.threads.runs.create('thread_d', {
      assistant_id: 'asst_1',
      model: 'gpt-4o',
      max_prompt_tokens: 1000,
      max_completion_tokens: 200,
    });
    const [refused, started] = await settledEvents(keyId, 2);
    expect(refused).toMatchObject({ status: 400, costNanoUsd: 0, admission: null });
    // Its most: 1000 × 2.5 + 200 × 10 micro-dollars, held for the run.
    expect(started).toMatchObject({
      costNanoUsd: 0,
      admission: { reservedNanoUsd: 4_500_000 },
      reservationHeldFor: `run:${run.id}`,
    });
    await client.beta.threads.runs.poll(run.id, { thread_id: 'thread_d' }, { pollIntervalMs: 5 });
    // The refused request never reached the upstream.
    const events = await settledEvents(keyId, 1 + sentTo('thread_d'));
    expect(events.at(-1)).toMatchObject({ costNanoUsd: RUN_COST, lateUsageBilled: [`run:${run.id}`] });
  });

  it('holds a background response’s reservation under a spend limit until its usage is billed', async () => {
    upstream.willReply({ content: 'done', promptTokens: 1000, completionTokens: 100 });
    const { keyId, client } = newKey({ costLimitMicroUsd: 10_000_000 });
    const queued = await client.responses.create({
      model: 'gpt-4o',
      input: 'Think',
      background: true,
      max_output_tokens: 500,
    });
    const [created] = await settledEvents(keyId, 1);
    expect(created).toMatchObject({ costNanoUsd: 0, reservationHeldFor: `response:${queued.id}` });
    expect(created?.admission?.reservedNanoUsd).toBeGreaterThan(500 * 10 * 1000);
    await client.responses.retrieve(queued.id);
    const [, fetched] = await settledEvents(keyId, 2);
    // 1000 × 2.5 + 100 × 10 micro-dollars.
    expect(fetched).toMatchObject({ costNanoUsd: 3_500_000, lateUsageBilled: [`response:${queued.id}`] });
  });

  it('refuses a batch to a key with a spend limit (nothing bounds it), and passes it for a key without', async () => {
    const limited = newKey({ costLimitMicroUsd: 10_000_000 });
    await expect(
      limited.client.batches.create({
        input_file_id: 'file-in',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toMatchObject({ status: 403, code: 'spend_limited_endpoint' });
    const calls = upstream.requests.length;
    const free = newKey();
    // The fake has no batches: its 404 shows the request went through.
    await expect(
      free.client.batches.create({
        input_file_id: 'file-in',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(upstream.requests.length).toBe(calls + 1);
  });
});

describe('calls cut short through the proxy (real Redis)', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addKey('k', { keyId: 'k-cut', settingIds: ['s1'] });
    proxy = await startEdgeUnderTest(directory);
  });
  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it('bills the prompt estimate of a call the upstream did not answer before the deadline, marked estimated', async () => {
    upstream.willReply({ content: 'late', promptTokens: 10, completionTokens: 2, headersDelayMs: 1_000 });
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: proxy.openAiBaseUrl,
      maxRetries: 0,
      defaultHeaders: { 'x-request-timeout': '100ms' },
    });
    const before = proxy.events().length;
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Tell me a long story' }],
      }),
    ).rejects.toMatchObject({ status: 504 });
    await expectEventually(() => expect(proxy.events().length).toBe(before + 1));
    const event = proxy.events().at(-1)?.payload;
    expect(event).toMatchObject({
      outcome: 'gateway_error',
      errorCode: 'upstream_timeout',
      priceEntry: 'gpt-4o',
      usage: { completionTokens: 0, estimated: true },
    });
    // The prompt, counted: 2500 nano-dollars a token.
    expect(event?.usage.promptTokens).toBeGreaterThan(0);
    expect(event?.costNanoUsd).toBe((event?.usage.promptTokens ?? 0) * 2500);
  });

  it('bills the prompt estimate when the client leaves before the upstream answers, and the streamed text when the deadline cuts a stream', async () => {
    upstream.willReply({ content: 'late', promptTokens: 10, completionTokens: 2, headersDelayMs: 500 });
    const leaving = new AbortController();
    const before = proxy.events().length;
    const call = proxy
      .openai('k')
      .chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me a long story' }] },
        { signal: leaving.signal },
      );
    setTimeout(() => leaving.abort(), 100);
    await expect(call).rejects.toThrow();
    await expectEventually(() => expect(proxy.events().length).toBe(before + 1));
    const gone = proxy.events().at(-1)?.payload;
    expect(gone).toMatchObject({
      outcome: 'client_aborted',
      usage: { completionTokens: 0, estimated: true },
    });
    expect(gone?.costNanoUsd).toBe((gone?.usage.promptTokens ?? 0) * 2500);

    upstream.willReply({
      content: 'one two three four five six',
      promptTokens: 10,
      completionTokens: 6,
      chunkDelayMs: 60,
    });
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: proxy.openAiBaseUrl,
      maxRetries: 0,
      defaultHeaders: { 'x-request-timeout': '150ms' },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
    });
    await expect(async () => {
      for await (const chunk of stream) void chunk;
    }).rejects.toThrow();
    await expectEventually(() => expect(proxy.events().length).toBe(before + 2));
    const cut = proxy.events().at(-1)?.payload;
    expect(cut).toMatchObject({ errorCode: 'upstream_interrupted', usage: { estimated: true } });
    // What was streamed before the deadline is billed with the prompt: 10,000 nano-dollars an output token.
    expect(cut?.usage.completionTokens).toBeGreaterThan(0);
    expect(cut?.costNanoUsd).toBe(
      (cut?.usage.promptTokens ?? 0) * 2500 + (cut?.usage.completionTokens ?? 0) * 10_000,
    );
  });

  it('bills a thousand embeddings calls of 0.16 micro-dollars as exactly 160 micro-dollars', async () => {
    upstream.willReply({ content: '', promptTokens: 8, completionTokens: 0 });
    const client = proxy.openai('k');
    const before = proxy.events().length;
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, () =>
          client.embeddings.create({ model: 'text-embedding-3-small', input: 'The food was delicious' }),
        ),
      );
    await expectEventually(() => expect(proxy.events().length).toBe(before + 1000));
    const costs = proxy
      .events()
      .slice(before)
      .map((e) => e.payload.costNanoUsd);
    expect(new Set(costs)).toEqual(new Set([160]));
    expect(costs.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(160_000);
  });
});
