import { describe, expect, it } from 'vitest';
import { ProxyError } from '../request/proxy-error';
import type { RequestContext } from '../request/request-context';
import { contextOf, recordedResponseOf } from '../testing/stage-context.test-support';
import { ProxyPipeline, type ProxyStages } from './proxy-pipeline';

const ORDER = [
  'resolveRoute',
  'authenticate',
  'readRequest',
  'authorize',
  'price',
  'countPrompt',
  'admit',
  'pii',
  'callUpstream',
  'relay',
  'settle',
  'record',
] as const;

// Stages that note their turn and pass the context on; `failAt` throws instead.
function stagesThat(
  failAt: (typeof ORDER)[number] | null,
  error: unknown = new ProxyError('rate_limited', 'no'),
) {
  const ran: string[] = [];
  let released = 0;
  const stage = (name: (typeof ORDER)[number]) => ({
    run: (ctx: RequestContext) => {
      ran.push(name);
      if (name === failAt) throw error;
      if (name === 'resolveRoute') ctx.provider = 'anthropic';
      if (name === 'admit')
        ctx.admission = { charge: null, streamGuard: null, release: () => (released += 1) };
      if (name === 'relay') ctx.outcome = { status: 200, outcome: 'success', errorCode: null };
      return ctx;
    },
  });
  const stages = Object.fromEntries(ORDER.map((name) => [name, stage(name)])) as unknown as ProxyStages;
  return { stages, ran, released: () => released };
}

describe(ProxyPipeline.name, () => {
  it('runs the stages in order, releases what admission held, then settles and records once', async () => {
    const { stages, ran, released } = stagesThat(null);
    const ctx = contextOf();
    await new ProxyPipeline(stages).handle(ctx.req, ctx.res);
    expect(ran).toEqual([...ORDER]);
    expect(released()).toBe(1);
  });

  it('stops at the stage that refuses, answers in the provider’s shape, and still settles and records once', async () => {
    const { stages, ran, released } = stagesThat('callUpstream');
    const ctx = contextOf();
    await new ProxyPipeline(stages).handle(ctx.req, ctx.res);
    expect(ran).toEqual([...ORDER.slice(0, 9), 'settle', 'record']);
    expect(released()).toBe(1);
    const res = recordedResponseOf(ctx);
    expect(res.statusCode).toBe(429);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 500 for an unexpected failure, and records the request even when settling fails', async () => {
    const recorded: RequestContext[] = [];
    const { stages } = stagesThat('authenticate', new TypeError('boom'));
    const failingSettle = { run: () => Promise.reject(new Error('settle broke')) };
    const ctx = contextOf();
    await new ProxyPipeline({
      ...stages,
      settle: failingSettle,
      record: { run: (c) => void recorded.push(c) },
    }).handle(ctx.req, ctx.res);
    expect(recordedResponseOf(ctx).statusCode).toBe(500);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.outcome).toMatchObject({
      status: 500,
      outcome: 'gateway_error',
      errorCode: 'internal_error',
    });
  });
});
