import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeKey } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import type { Authenticated } from '../request/request-context';
import { routedContext, type RequestInit } from '../testing/stage-context.test-support';
import { ReadRequestStage } from './read-request.stage';
import { RequestBufferBudget } from './request-buffers';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32), MAX_REQUEST_BODY_BYTES: '1024' });
const stage = new ReadRequestStage(config);
const defaults = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
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

  it('clamps x-request-timeout to PROXY_TIMEOUT_MAX and rounds it to whole milliseconds', async () => {
    const timeoutOf = async (header: string) =>
      (await stage.run(chat('{}', { 'x-request-timeout': header }))).request.timeoutMs;
    expect(await timeoutOf('1000000h')).toBe(config.PROXY_TIMEOUT_MAX);
    expect(await timeoutOf('99999999999999999999h')).toBe(config.PROXY_TIMEOUT_MAX);
    expect(await timeoutOf('1.5ms')).toBe(2);
    expect(await timeoutOf('1ns')).toBe(1);
    expect(await timeoutOf('2.0004s')).toBe(2000);
  });

  it('refuses JSON nested deeper than MAX_JSON_DEPTH with 400 before parsing it', async () => {
    const shallow = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32), MAX_JSON_DEPTH: '5' });
    const read = (body: string) => new ReadRequestStage(shallow).run(chat(body));
    await expect(read('{"messages":[{"content":[{"text":"[[[[[[[["}]}]}')).resolves.toBeDefined();
    await expect(read('{"messages":[{"content":[{"a":[1]}]}]}')).rejects.toMatchObject({
      status: 400,
      code: 'json_too_deep',
    });
  });

  it('answers 503 past the process-wide budget of buffered bytes, and holds a body until released', async () => {
    const budget = new RequestBufferBudget(1_000);
    const limited = new ReadRequestStage(config, budget);
    const body = JSON.stringify({ model: 'gpt-4o', pad: 'x'.repeat(600) });
    const first = await limited.run(chat(body, { 'content-length': String(body.length) }));
    expect(budget.heldBytes).toBe(body.length);
    const second = chat(body, { 'content-length': String(body.length) });
    await expect(limited.run(second)).rejects.toMatchObject({ status: 503, code: 'gateway_busy' });
    second.held?.release();
    first.held?.release();
    expect(budget.heldBytes).toBe(0);
    await expect(limited.run(chat(body))).resolves.toBeDefined();
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

  it('reads an upload’s model from its head before authorization, and forwards the head and the rest', async () => {
    const fields =
      '--b\r\ncontent-disposition: form-data; name="model"\r\n\r\ngpt-4o-transcribe\r\n' +
      '--b\r\ncontent-disposition: form-data; name="stream"\r\n\r\ntrue\r\n' +
      '--b\r\ncontent-disposition: form-data; name="file"; filename="a.mp3"\r\n\r\n';
    const audio = Buffer.alloc(200 * 1024, 7);
    const body = Buffer.concat([Buffer.from(fields), audio, Buffer.from('\r\n--b--\r\n')]);
    const budget = new RequestBufferBudget(1024 * 1024);
    const ctx = uploadOf(Readable.from(chunksOf(body, 1000)));
    const { request } = await new ReadRequestStage(defaults, budget).run(ctx);
    expect(request).toMatchObject({ model: 'gpt-4o-transcribe', stream: true });
    // Only the head is held (64 KiB, to the end of the chunk that reached it), not the upload.
    expect(budget.heldBytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(budget.heldBytes).toBeLessThan(64 * 1024 + 1000);
    const piped: Buffer[] = [];
    for await (const chunk of request.upload?.pipe() ?? []) piped.push(chunk as Buffer);
    expect(Buffer.concat(piped).equals(body)).toBe(true);
  });

  it('reads the head of an upload sent a byte at a time in linear time', async () => {
    const field =
      '--b\r\ncontent-disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n' +
      '--b\r\ncontent-disposition: form-data; name="prompt"\r\n\r\n';
    const body = Buffer.from(field + 'p'.repeat(100 * 1024) + '\r\n--b--\r\n');
    const started = performance.now();
    const { request } = await new ReadRequestStage(defaults).run(uploadOf(Readable.from(chunksOf(body, 1))));
    const piped: Buffer[] = [];
    for await (const chunk of request.upload?.pipe() ?? []) piped.push(chunk as Buffer);
    expect(Buffer.concat(piped).equals(body)).toBe(true);
    expect(request.model).toBe('whisper-1');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  const fileThenModel = (fileBytes: number, withModel = true) =>
    Buffer.concat([
      Buffer.from('--b\r\ncontent-disposition: form-data; name="file"; filename="a.mp3"\r\n\r\n'),
      Buffer.alloc(fileBytes, 1),
      Buffer.from(
        withModel
          ? '\r\n--b\r\ncontent-disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--b--\r\n'
          : '\r\n--b--\r\n',
      ),
    ]);

  it('reads a whole upload whose model comes after the file (the Node SDK’s `{ file, model }`), held and forwarded byte for byte', async () => {
    const body = fileThenModel(300 * 1024);
    const budget = new RequestBufferBudget(1024 * 1024);
    const ctx = uploadOf(Readable.from(chunksOf(body, 4096)));
    const { request } = await new ReadRequestStage(defaults, budget).run(ctx);
    expect(request.model).toBe('whisper-1');
    // The whole upload is held, once (not its head twice).
    expect(budget.heldBytes).toBe(body.length);
    const piped: Buffer[] = [];
    for await (const chunk of request.upload?.pipe() ?? []) piped.push(chunk as Buffer);
    expect(Buffer.concat(piped).equals(body)).toBe(true);
  });

  it('answers 503 gateway_busy when an upload with a late model does not fit in the buffer budget', async () => {
    const body = fileThenModel(300 * 1024);
    const budget = new RequestBufferBudget(200 * 1024);
    const ctx = uploadOf(Readable.from(chunksOf(body, 4096)));
    await expect(new ReadRequestStage(defaults, budget).run(ctx)).rejects.toMatchObject({
      status: 503,
      code: 'gateway_busy',
    });
  });

  it('refuses an upload without a model on a route billed by model (400 model_required)', async () => {
    const body = fileThenModel(70 * 1024, false);
    await expect(new ReadRequestStage(defaults).run(uploadOf(Readable.from([body])))).rejects.toMatchObject({
      status: 400,
      code: 'model_required',
    });
  });

  it('refuses a JSON request billed per image that names no model', async () => {
    const ctx = authenticated({
      url: '/api/providers/openai/v1/images/generations',
      body: '{"prompt":"a cat"}',
    });
    await expect(stage.run(ctx)).rejects.toMatchObject({ status: 400, code: 'model_required' });
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

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

// A multipart upload to transcriptions whose body arrives as the stream given.
function uploadOf(body: Readable): Authenticated {
  const ctx = authenticated({
    url: '/api/providers/openai/v1/audio/transcriptions',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
  });
  const req = Object.assign(body, { method: ctx.req.method, url: ctx.req.url, headers: ctx.req.headers });
  return Object.assign(ctx, { req: req as unknown as IncomingMessage });
}
