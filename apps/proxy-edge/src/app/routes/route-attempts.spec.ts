import { describe, expect, it } from 'vitest';
import type { RouteAttempt } from '@tollgate/contracts';
import { openAiAdapter } from '@tollgate/providers';
import { makeRoute } from '@tollgate/testing';
import { ProxyError } from '../request/proxy-error';
import type { PlannedStep } from '../request/route-run';
import { RouteAttempts, type Send } from './route-attempts';
import { readText } from './step-response';

type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'reset';

// A provider that answers each call from a script, in order.
function scripted(replies: Reply[]): Send & { calls: number } {
  const send = (async () => {
    send.calls += 1;
    const reply = replies.shift() ?? { status: 200 };
    if (reply === 'reset') throw new Error('ECONNRESET');
    return {
      statusCode: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
      body: (async function* () {
        yield Buffer.from(reply.body ?? `{"status":${reply.status}}`);
      })(),
    };
  }) as unknown as Send & { calls: number };
  send.calls = 0;
  return send;
}

const planned = (retries: number[]): PlannedStep[] =>
  makeRoute({
    steps: retries.map((r, i) => ({ provider: 'openai', model: `m${i}`, retries: r, retryInterval: '1ms' })),
  }).steps.map((step, index) => ({
    index,
    step,
    setting: { id: 's', provider: 'openai', setting: {}, secrets: {}, allowedModels: [], costMap: null },
    adapter: openAiAdapter,
    target: { path: '/v1/chat/completions', query: '' },
    format: 'openai',
  }));

async function run(send: Send, order: PlannedStep[], deadlineMs = 5_000) {
  const attempts: RouteAttempt[] = [];
  const answered = await new RouteAttempts(send).run({
    order,
    strategy: 'constant',
    requestOf: () => ({ url: 'http://x/v1/chat/completions', headers: {}, body: Buffer.from('{}') }),
    call: new AbortController().signal,
    clientGone: new AbortController().signal,
    deadlineAt: performance.now() + deadlineMs,
    attempts,
  });
  return { answered, attempts, text: await readText(answered.answer.body) };
}

describe(RouteAttempts.name, () => {
  it('retries a step, then fails over; every attempt is recorded', async () => {
    const send = scripted([{ status: 500 }, 'reset', { status: 200, body: 'ok' }]);
    const { answered, attempts, text } = await run(send, planned([1, 0]));
    expect(text).toBe('ok');
    expect(answered.planned.index).toBe(1);
    expect(attempts.map((a) => [a.step, a.attempt, a.outcome, a.status])).toEqual([
      [0, 0, 'retryable_error', 500],
      [0, 1, 'connection_error', null],
      [1, 0, 'success', 200],
    ]);
  });

  it('hands a non-retryable 4xx back at once', async () => {
    const send = scripted([{ status: 404, body: 'nope' }]);
    const { answered, attempts, text } = await run(send, planned([3, 0]));
    expect([answered.answer.statusCode, text, send.calls]).toEqual([404, 'nope', 1]);
    expect(attempts.map((a) => a.outcome)).toEqual(['fatal_error']);
  });

  it('answers the last failure the upstream sent when every step failed', async () => {
    const send = scripted([
      { status: 503, body: 'first' },
      { status: 429, body: 'last' },
    ]);
    const { answered, text } = await run(send, planned([0, 0]));
    expect([answered.answer.statusCode, text]).toEqual([429, 'last']);
  });

  it('fails with a gateway error when no step ever answered', async () => {
    await expect(run(scripted(['reset', 'reset']), planned([0, 0]))).rejects.toThrow(ProxyError);
  });

  it('stops at the deadline rather than wait past it for a retry', async () => {
    const send = scripted([{ status: 429, headers: { 'retry-after': '10' } }]);
    const started = performance.now();
    const { answered } = await run(send, planned([2]), 500);
    expect(answered.answer.statusCode).toBe(429);
    expect(performance.now() - started).toBeLessThan(400);
    expect(send.calls).toBe(1);
  });
});
