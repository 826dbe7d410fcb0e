import OpenAI from 'openai';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  expectEventually,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';
import { ProxyPipeline } from './proxy-pipeline';

describe(ProxyPipeline.name, () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  let client: OpenAI;

  let seen = 0;
  const lastEvent = async () => {
    // The event is published after the response has ended, so wait for the one this test caused.
    await expectEventually(() => expect(proxy.events().length).toBe(seen + 1), {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    seen = proxy.events().length;
    // Producer-side contract test: whatever the proxy publishes parses with the contract schema.
    return proxy.events()[seen - 1] as ReturnType<TestProxy['events']>[number];
  };

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({
      id: 's1',
      provider: 'openai',
      setting: { url: upstream.baseUrl },
      secrets: { apikey: 'sk-up' },
    });
    directory.addKey('good-key', {
      keyId: 'k1',
      tags: ['t'],
      revoked: false,
      settingIds: ['s1'],
      rotationEnabled: false,
    });
    directory.addKey('revoked-key', {
      keyId: 'k2',
      tags: [],
      revoked: true,
      settingIds: ['s1'],
      rotationEnabled: false,
    });
    directory.addKey('no-setting-key', {
      keyId: 'k3',
      tags: [],
      revoked: false,
      settingIds: [],
      rotationEnabled: false,
    });
    proxy = await startEdgeUnderTest(directory, { MAX_REQUEST_BODY_BYTES: '2048' });
    client = proxy.openai('good-key');
  });

  beforeEach(() => {
    upstream.willReply({ content: 'ok', promptTokens: 5, completionTokens: 2 });
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it('forwards the body byte for byte and records the provider-reported usage', async () => {
    upstream.willReply({
      content: 'hi',
      promptTokens: 30,
      completionTokens: 12,
      cachedTokens: 10,
      reasoningTokens: 3,
    });
    const raw =
      '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"unknown_field":{"kept":true},"user":"u1"}';
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: {
        authorization: 'Bearer good-key',
        'content-type': 'application/json',
        'x-custom-event-id': 'c1',
        'x-metadata': '{"team":"a"}',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(upstream.requests.at(-1)?.body).toBe(raw);
    // The gateway's own time and the upstream's wait, per call.
    expect(res.headers.get('server-timing')).toMatch(/^gateway;dur=\d+\.\d{3}, upstream;dur=\d+\.\d{3}$/);
    const event = await lastEvent();
    // No tracing SDK runs here: the client's own trace context is carried to the event.
    expect(event.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(event.payload).toMatchObject({
      keyId: 'k1',
      tags: ['t'],
      model: 'gpt-4o-mini',
      status: 200,
      outcome: 'success',
      userId: 'u1',
      customId: 'c1',
      metadata: { team: 'a' },
      usage: {
        promptTokens: 30,
        completionTokens: 12,
        cachedPromptTokens: 10,
        reasoningTokens: 3,
        totalTokens: 42,
        estimated: false,
      },
    });
  });

  it('records usage from the final chunk of a stream', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream) {
      // drain
    }
    const event = await lastEvent();
    expect(event.payload).toMatchObject({ stream: true, usage: { promptTokens: 5, completionTokens: 2 } });
  });

  it('asks a stream for usage by patching the body, and hides the usage chunk from a client that did not ask', async () => {
    upstream.willReply({ content: 'a b', promptTokens: 4, completionTokens: 2 });
    const raw =
      '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"x"}],"x_extra":[1, 2]}';
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key', 'content-type': 'application/json' },
      body: raw,
    });
    const text = await res.text();
    expect(upstream.requests.at(-1)?.body).toBe(`{"stream_options":{"include_usage":true},${raw.slice(1)}`);
    expect(text).not.toContain('"usage":{');
    expect(text).toContain('data: [DONE]');
    expect((await lastEvent()).payload.usage).toMatchObject({ promptTokens: 4, completionTokens: 2 });
  });

  it('forwards a stream that asked for usage untouched, usage chunk included', async () => {
    upstream.willReply({ content: 'a b', promptTokens: 4, completionTokens: 2 });
    const raw = '{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[]}';
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key', 'content-type': 'application/json' },
      body: raw,
    });
    expect(await res.text()).toContain('"usage":{"prompt_tokens":4');
    expect(upstream.requests.at(-1)?.body).toBe(raw);
    await lastEvent();
  });

  it.each([false, true])(
    'estimates usage with gpt-tokenizer when the upstream reports none (stream: %s)',
    async (stream) => {
      upstream.willReply({
        content: 'Paris is the capital of France.',
        promptTokens: 0,
        completionTokens: 0,
        omitUsage: true,
      });
      const messages = [{ role: 'user', content: 'What is the capital of France?' }];
      const res = await fetch(client.baseURL + '/chat/completions', {
        method: 'POST',
        headers: { authorization: 'Bearer good-key' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream }),
      });
      await res.text();
      const n = (text: string) => o200k(text).length;
      // OpenAI's cookbook count: 3 per message + role + content, 3 to prime the reply.
      const prompt = 3 + n('user') + n('What is the capital of France?') + 3;
      const completion = n('Paris is the capital of France.');
      expect((await lastEvent()).payload.usage).toEqual({
        promptTokens: prompt,
        completionTokens: completion,
        cachedPromptTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: prompt + completion,
        estimated: true,
      });
    },
  );

  it('aborts the upstream call when the client goes away, and records the request once, with estimated usage', async () => {
    upstream.willReply({
      content: 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10',
      promptTokens: 5,
      completionTokens: 10,
      chunkDelayMs: 100,
    });
    const cutBefore = upstream.streamsCutShort;
    const controller = new AbortController();
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'count' }],
      }),
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    await reader?.read(); // the first bytes arrived: now the client leaves
    controller.abort();
    const event = await lastEvent();
    expect(event.payload).toMatchObject({
      outcome: 'client_aborted',
      errorCode: 'client_closed',
      stream: true,
    });
    // No usage chunk ever came: what was sent is estimated, and marked so.
    expect(event.payload.usage.estimated).toBe(true);
    expect(event.payload.usage.completionTokens).toBeLessThan(o200k('w1 w2 w3 w4 w5 w6 w7 w8 w9 w10').length);
    await expectEventually(() => expect(upstream.streamsCutShort).toBe(cutBefore + 1), { timeoutMs: 2_000 });
  });

  it('streams an assistants run as it is produced (a stream: true run streams)', async () => {
    upstream.willReply({ content: 'r1 r2 r3 r4', promptTokens: 7, completionTokens: 4, chunkDelayMs: 150 });
    const started = performance.now();
    const res = await fetch(client.baseURL + '/threads/thread_fake/runs', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key', 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_1', stream: true }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    const first = await reader?.read();
    const firstAt = performance.now() - started;
    expect(new TextDecoder().decode(first?.value)).toContain('event: thread.run.created');
    let rest = '';
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      rest += new TextDecoder().decode(next.value);
    }
    // Four deltas 150 ms apart: the first event came long before the last.
    expect(performance.now() - started - firstAt).toBeGreaterThan(400);
    expect(rest).toContain('event: done');
    expect((await lastEvent()).payload).toMatchObject({ stream: true, status: 200, outcome: 'success' });
  });

  it('uses the first compatible setting, or spreads requests over all of them when the key rotates', async () => {
    const second = new FakeOpenAiUpstream();
    await second.start();
    try {
      directory.addSetting({
        id: 's2',
        provider: 'openai',
        setting: { url: second.baseUrl },
        secrets: { apikey: 'sk-2' },
      });
      directory.addSetting({ id: 'a1', provider: 'anthropic', setting: {}, secrets: {} });
      directory.addKey('fixed-key', {
        keyId: 'k5',
        tags: [],
        revoked: false,
        settingIds: ['a1', 's1', 's2'],
        rotationEnabled: false,
      });
      directory.addKey('rotating-key', {
        keyId: 'k6',
        tags: [],
        revoked: false,
        settingIds: ['a1', 's1', 's2'],
        rotationEnabled: true,
      });
      const send = async (key: string) => {
        const res = await fetch(client.baseURL + '/chat/completions', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: '{"model":"gpt-4o-mini","messages":[]}',
        });
        await res.text();
        await lastEvent();
      };
      const [firstBefore, secondBefore] = [upstream.requests.length, second.requests.length];
      for (let i = 0; i < 10; i++) await send('fixed-key');
      expect([upstream.requests.length - firstBefore, second.requests.length - secondBefore]).toEqual([
        10, 0,
      ]);
      for (let i = 0; i < 40; i++) await send('rotating-key');
      // 40 draws over two settings: each is chosen (the chance of missing one is 2 in 2^40).
      expect(upstream.requests.length - firstBefore - 10).toBeGreaterThan(0);
      expect(second.requests.length - secondBefore).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });

  it('refuses a streamed multipart body over the limit with 413', async () => {
    const big = new Uint8Array(4096);
    const res = await fetch(client.baseURL + '/files', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key', 'content-type': 'multipart/form-data; boundary=x' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(big);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await lastEvent()).payload).toMatchObject({ status: 413, errorCode: 'request_too_large' });
  });

  it('answers 504 when the upstream misses the x-request-timeout deadline', async () => {
    upstream.willReply({ content: 'slow', promptTokens: 1, completionTokens: 1, headersDelayMs: 1_000 });
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key', 'x-request-timeout': '100ms' },
      body: '{"model":"gpt-4o-mini","messages":[]}',
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_timeout' } });
    expect((await lastEvent()).payload).toMatchObject({ status: 504, outcome: 'gateway_error' });
  });

  it.each([
    ['no key', {}, 401, 'missing_api_key'],
    ['an unknown key', { authorization: 'Bearer nope' }, 401, 'invalid_api_key'],
    ['a revoked key', { 'x-api-key': 'revoked-key' }, 401, 'revoked_api_key'],
    ['a key without an openai setting', { 'api-key': 'no-setting-key' }, 403, 'provider_not_configured'],
    [
      'an invalid x-request-timeout',
      { authorization: 'Bearer good-key', 'x-request-timeout': 'soon' },
      400,
      'invalid_timeout',
    ],
  ])('rejects %s in the OpenAI error shape and records it', async (_case, headers, status, code) => {
    const before = upstream.requests.length;
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"model":"gpt-4o-mini","messages":[]}',
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('server-timing')).toMatch(/^gateway;dur=\d+\.\d{3}$/);
    expect(await res.json()).toMatchObject({ error: { code, type: 'tollgate_error' } });
    expect(upstream.requests.length).toBe(before);
    const event = await lastEvent();
    expect(event.payload).toMatchObject({ status, outcome: 'rejected', errorCode: code });
  });

  it('rejects malformed JSON with 400 and a body over the limit with 413', async () => {
    const bad = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key' },
      body: '{"model": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_json' } });
    expect((await lastEvent()).payload).toMatchObject({ keyId: 'k1', status: 400, outcome: 'rejected' });
    const big = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key' },
      body: JSON.stringify({ model: 'm', pad: 'x'.repeat(4096) }),
    });
    expect(big.status).toBe(413);
    expect((await lastEvent()).payload).toMatchObject({
      keyId: 'k1',
      status: 413,
      errorCode: 'request_too_large',
    });
  });

  it('passes an upstream error through unchanged and records it as an upstream error', async () => {
    upstream.willReply({ content: '', promptTokens: 0, completionTokens: 0, errorStatus: 429 });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).message).toContain('fake upstream error');
    const event = await lastEvent();
    expect(event.payload).toMatchObject({ status: 429, outcome: 'upstream_error' });
  });

  it('returns its request id on every response, answered or refused, and puts it in the event', async () => {
    upstream.willReply({ content: 'ok', promptTokens: 5, completionTokens: 2 });
    const ok = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer good-key' },
      body: '{"model":"gpt-4o-mini","messages":[]}',
    });
    await ok.text();
    const okEvent = await lastEvent();
    expect(ok.headers.get('x-request-id')).toBe(okEvent.payload.requestId);
    // The provider's own id, which its support asks for, is kept beside it.
    expect(ok.headers.get('x-upstream-request-id')).toMatch(/^req_/);
    const refused = await fetch(client.baseURL + '/chat/completions', { method: 'POST', body: '{}' });
    const refusedEvent = await lastEvent();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe(refusedEvent.payload.requestId);
    expect(refusedEvent.payload.requestId).not.toBe(okEvent.payload.requestId);
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    directory.addSetting({
      id: 'dead',
      provider: 'openai',
      setting: { url: 'http://127.0.0.1:1' },
      secrets: {},
    });
    directory.addKey('dead-key', {
      keyId: 'k4',
      tags: [],
      revoked: false,
      settingIds: ['dead'],
      rotationEnabled: false,
    });
    const res = await fetch(client.baseURL + '/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer dead-key' },
      body: '{"model":"gpt-4o-mini","messages":[]}',
    });
    expect(res.status).toBe(502);
    // The error body names no internal address (the cause is logged instead).
    const body = await res.text();
    expect(body).toContain('could not be reached');
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:1\b/);
    const event = await lastEvent();
    expect(event.payload).toMatchObject({
      keyId: 'k4',
      status: 502,
      outcome: 'gateway_error',
      errorCode: 'upstream_unreachable',
    });
  });
});
