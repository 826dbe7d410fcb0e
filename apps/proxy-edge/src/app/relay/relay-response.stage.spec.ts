import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { makeKey } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import type { Called, StreamGuard } from '../request/request-context';
import {
  authorizedContext,
  NOTHING_HELD,
  recordedResponseOf,
  type RequestInit,
} from '../testing/stage-context.test-support';
import { RelayResponseStage } from './relay-response.stage';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
const stage = new RelayResponseStage(config);

const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', model: 'gpt-4o', choices: [{ index: 0, delta: { content } }] })}\n\n`;
const USAGE_CHUNK = `data: ${JSON.stringify({ id: 'c1', model: 'gpt-4o', choices: [], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } })}\n\n`;
const SSE = [chunk('Hel'), chunk('lo'), USAGE_CHUNK, 'data: [DONE]\n\n'];

interface UpstreamReply {
  status?: number;
  headers?: Record<string, string>;
  body: AsyncIterable<Buffer> | Buffer[];
}

function called(reply: UpstreamReply, init: RequestInit = {}, guard: StreamGuard | null = null) {
  let finished = 0;
  const body = Array.isArray(reply.body) ? Readable.from(reply.body) : reply.body;
  const response = {
    statusCode: reply.status ?? 200,
    headers: reply.headers ?? { 'content-type': 'application/json' },
    body,
  } as unknown as Dispatcher.ResponseData;
  const ctx: Called = Object.assign(authorizedContext(init), {
    price: null,
    admission: { ...NOTHING_HELD, streamGuard: guard },
    upstream: { response, clientGone: new AbortController().signal, finish: () => (finished += 1) },
  });
  return { ctx, finished: () => finished };
}

const sse = { 'content-type': 'text/event-stream', 'x-request-id': 'req_provider' };

describe(RelayResponseStage.name, () => {
  it('relays a stream as it came, reading its usage on the way, with the gateway’s own headers', async () => {
    const { ctx, finished } = called({ headers: sse, body: SSE.map((s) => Buffer.from(s)) });
    await stage.run(ctx);
    const res = recordedResponseOf(ctx);
    expect(res.text).toBe(SSE.join(''));
    expect(res.headers).toMatchObject({
      'x-request-id': ctx.requestId,
      'x-upstream-request-id': 'req_provider',
      'server-timing': expect.stringMatching(/^gateway;dur=/),
    });
    expect(res.writableFinished).toBe(true);
    expect(ctx.outcome).toEqual({ status: 200, outcome: 'success', errorCode: null });
    expect(ctx.report).toMatchObject({
      streamed: true,
      text: 'Hello',
      usage: { promptTokens: 7, completionTokens: 2 },
    });
    expect(finished()).toBe(1);
  });

  it('keeps the usage chunk the gateway asked for from the client, still reading it', async () => {
    const { ctx } = called({ headers: sse, body: SSE.map((s) => Buffer.from(s)) });
    ctx.request.stripUsageChunk = true;
    await stage.run(ctx);
    expect(recordedResponseOf(ctx).text).toBe([chunk('Hel'), chunk('lo'), 'data: [DONE]\n\n'].join(''));
    expect(ctx.report?.usage).toMatchObject({ promptTokens: 7 });
  });

  it('relays a stream with frames of odd shapes whole, still reading its usage and finish reason', async () => {
    const odd = [
      'data: null\n\n',
      'data: 42\n\n',
      `data: ${JSON.stringify({ choices: [null, { delta: null }] })}\n\n`,
    ];
    const end = `data: ${JSON.stringify({ id: 'c1', model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
    const stream = [chunk('Hel'), ...odd, chunk('lo'), end, USAGE_CHUNK, 'data: [DONE]\n\n'];
    const { ctx } = called({ headers: sse, body: stream.map((s) => Buffer.from(s)) });
    await stage.run(ctx);
    expect(recordedResponseOf(ctx).text).toBe(stream.join(''));
    expect(ctx.outcome).toEqual({ status: 200, outcome: 'success', errorCode: null });
    expect(ctx.report).toMatchObject({
      text: 'Hello',
      usage: { promptTokens: 7, completionTokens: 2 },
      responseId: 'c1',
      finishReasons: ['stop'],
    });
  });

  it('reads a JSON response’s usage and model, and records an upstream error as one', async () => {
    const json = {
      id: 'chatcmpl-1',
      model: 'gpt-4o-2024-08-06',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    const ok = called({ body: [Buffer.from(JSON.stringify(json))] });
    await stage.run(ok.ctx);
    expect(ok.ctx.report).toMatchObject({
      responseModel: 'gpt-4o-2024-08-06',
      responseId: 'chatcmpl-1',
      usage: { totalTokens: 4 },
    });
    const failed = called({ status: 429, body: [Buffer.from('{"error":{"message":"slow down"}}')] });
    await stage.run(failed.ctx);
    expect(recordedResponseOf(failed.ctx).statusCode).toBe(429);
    expect(failed.ctx.outcome).toEqual({ status: 429, outcome: 'upstream_error', errorCode: null });
  });

  it('breaks the client’s connection when the upstream breaks off mid-stream, keeping what it read', async () => {
    async function* brokenOff() {
      yield Buffer.from(chunk('Hel'));
      throw new Error('socket hang up');
    }
    const { ctx, finished } = called({ headers: sse, body: brokenOff() });
    await stage.run(ctx);
    expect(recordedResponseOf(ctx).destroyed).toBe(true);
    expect(ctx.outcome).toEqual({ status: 200, outcome: 'gateway_error', errorCode: 'upstream_interrupted' });
    expect(ctx.report?.text).toBe('Hel');
    expect(finished()).toBe(1);
  });

  it('ends a stream its guard cuts, and bills what was sent rather than a usage report', async () => {
    let passed = 0;
    const guard: StreamGuard = {
      cut: false,
      push: async function (this: StreamGuard & { cut: boolean }, received: Buffer) {
        passed += 1;
        if (passed < 2) return received;
        this.cut = true;
        return Buffer.from('data: [DONE]\n\n');
      },
      flush: () => Buffer.alloc(0),
    };
    const { ctx } = called({ headers: sse, body: SSE.map((s) => Buffer.from(s)) }, {}, guard);
    await stage.run(ctx);
    expect(recordedResponseOf(ctx).text).toBe(chunk('Hel') + 'data: [DONE]\n\n');
    expect(ctx.outcome).toEqual({ status: 200, outcome: 'success', errorCode: 'stream_capped' });
    expect(ctx.report?.usage).toBeNull();
  });

  it('logs the response a key asks to log', async () => {
    const { ctx } = called({ body: [Buffer.from('{"id":"x"}')] });
    ctx.key = makeKey({ keyId: 'k1', shouldLogResponse: true });
    await stage.run(ctx);
    expect(ctx.responseLog?.toLogged()).toMatchObject({ encoding: 'json', body: '{"id":"x"}' });
  });
});
