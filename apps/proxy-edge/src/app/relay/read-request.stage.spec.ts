import { describe, expect, it } from 'vitest';
import { makeKey } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import type { Authenticated } from '../request/request-context';
import { routedContext, type RequestInit } from '../testing/stage-context.test-support';
import { ReadRequestStage } from './read-request.stage';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32), MAX_REQUEST_BODY_BYTES: '1024' });
const stage = new ReadRequestStage(config);
const authenticated = (init: RequestInit, logs = false): Authenticated =>
  Object.assign(routedContext(init), { key: makeKey({ keyId: 'k1', shouldLogRequest: logs }) });
const chat = (body: string, headers: Record<string, string> = {}) =>
  authenticated({ url: '/api/providers/openai/v1/chat/completions', body, headers });

describe(ReadRequestStage.name, () => {
  it('reads model, stream and user from a JSON body and keeps its bytes', async () => {
    const raw = '{"model":"gpt-4o","user":"u1","messages":[],"extra":{"kept":true}}';
    const { request } = await stage.run(chat(raw));
    expect(request).toMatchObject({ model: 'gpt-4o', stream: false, userId: 'u1', stripUsageChunk: false });
    expect(request.bytes?.toString()).toBe(raw);
    expect(request.timeoutMs).toBe(config.PROXY_TIMEOUT);
  });

  it("reads Anthropic's user from metadata.user_id", async () => {
    const ctx = authenticated({
      url: '/api/providers/anthropic/v1/messages',
      body: '{"model":"claude-3-5-haiku-latest","metadata":{"user_id":"u2"},"messages":[]}',
    });
    expect((await stage.run(ctx)).request.userId).toBe('u2');
  });

  it('asks a stream for its usage chunk, patching only that field, and hides it from the client', async () => {
    const raw = '{"model":"gpt-4o","stream":true,"messages":[]}';
    const { request } = await stage.run(chat(raw));
    expect(request.bytes?.toString()).toBe(`{"stream_options":{"include_usage":true},${raw.slice(1)}`);
    expect(request.stripUsageChunk).toBe(true);
  });

  it('leaves a stream that asked for usage itself untouched', async () => {
    const raw = '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}';
    const { request } = await stage.run(chat(raw));
    expect(request.bytes?.toString()).toBe(raw);
    expect(request.stripUsageChunk).toBe(false);
  });

  it.each([
    ['malformed JSON', '{"model": ', 'invalid_json', 400],
    ['a JSON array', '[1,2]', 'invalid_json', 400],
    ['a body over the limit', JSON.stringify({ pad: 'x'.repeat(2048) }), 'request_too_large', 413],
  ])('refuses %s', async (_, body, code, status) => {
    await expect(stage.run(chat(body))).rejects.toMatchObject({ code, status });
  });

  it('takes the deadline from x-request-timeout, and refuses one that is not a Go duration', async () => {
    const ok = await stage.run(chat('{"messages":[]}', { 'x-request-timeout': '1m30s' }));
    expect(ok.request.timeoutMs).toBe(90_000);
    await expect(stage.run(chat('{}', { 'x-request-timeout': 'soon' }))).rejects.toMatchObject({
      code: 'invalid_timeout',
      status: 400,
    });
  });

  it('logs the body for a key that asks, and only then', async () => {
    const raw = '{"model":"gpt-4o","messages":[]}';
    const logged = await stage.run(
      authenticated({ body: raw, headers: { 'content-type': 'application/json' } }, true),
    );
    expect(logged.request.log?.toLogged()).toMatchObject({ encoding: 'json', body: raw });
    expect((await stage.run(chat(raw))).request.log).toBeNull();
  });

  it('streams an upload through unread, reading the fields of a metered one as it passes', async () => {
    const multipart =
      '--b\r\ncontent-disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--b\r\n' +
      'content-disposition: form-data; name="file"; filename="a.mp3"\r\n\r\nID3\r\n--b--\r\n';
    const ctx = authenticated({
      url: '/api/providers/openai/v1/audio/transcriptions',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: multipart,
    });
    const { request } = await stage.run(ctx);
    expect(request.bytes).toBeUndefined();
    const piped: Buffer[] = [];
    for await (const chunk of request.upload?.pipe() ?? []) piped.push(chunk as Buffer);
    expect(Buffer.concat(piped).toString()).toBe(multipart);
    expect(request.upload?.fields).toMatchObject({ model: 'whisper-1' });
  });

  it('refuses an upload whose declared length is over the limit before reading it', async () => {
    const ctx = authenticated({
      method: 'POST',
      url: '/api/providers/openai/v1/files',
      headers: { 'content-length': '4096' },
    });
    await expect(stage.run(ctx)).rejects.toMatchObject({ code: 'request_too_large' });
  });
});
