import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Metering } from '../billing/metering';
import type { Admitted, Called } from '../request/request-context';
import type { RouteRun } from '../request/route-run';
import { retarget } from './authorize-route.stage';
import { recording, replayed, routeCacheKeyOf, type ResponseStore } from './route-cache';
import { RouteAttempts, type Send } from './route-attempts';
import { stepOrder } from './step-order';
import { stepRequest } from './step-request';
import type { StepAnswer } from './step-response';

type Inner = { run(ctx: Admitted): Promise<Called> };

// Stage 7 for a route: a cached answer, or the steps tried in order (fallback or weighted) with retries,
// until one answers; the request is then billed and recorded as the step that answered. Other requests go
// to the provider call unchanged.
export class CallRouteStage {
  private readonly attempts: RouteAttempts;

  constructor(
    private readonly inner: Inner,
    send: Send,
    private readonly cache: ResponseStore | null,
    private readonly metering: Pick<Metering, 'lookup'>,
    private readonly random: () => number = Math.random,
  ) {
    this.attempts = new RouteAttempts(send);
  }

  async run(ctx: Admitted): Promise<Called> {
    const run = ctx.routeRun;
    if (!run) return this.inner.run(ctx);
    const { res, request } = ctx;
    // As for any call: the request's deadline or the client leaving ends it.
    const clientGone = new AbortController();
    const call = new AbortController();
    res.once('close', () => {
      if (res.writableFinished) return;
      clientGone.abort();
      call.abort();
    });
    const deadlineAt = ctx.receivedAt + request.timeoutMs;
    const deadline = setTimeout(() => call.abort(), Math.max(1, deadlineAt - performance.now()));
    const finish = () => clearTimeout(deadline);
    ctx.timing.upstreamCalled();
    try {
      const answer = await this.answerOf(ctx, run, {
        call: call.signal,
        clientGone: clientGone.signal,
        deadlineAt,
      });
      ctx.timing.upstreamAnswered();
      const response = asResponseData(answer, run);
      return Object.assign(ctx, { upstream: { response, clientGone: clientGone.signal, finish } });
    } catch (error) {
      ctx.timing.upstreamAnswered();
      finish();
      throw error;
    }
  }

  private async answerOf(
    ctx: Admitted,
    run: RouteRun,
    signals: { call: AbortSignal; clientGone: AbortSignal; deadlineAt: number },
  ): Promise<StepAnswer> {
    const cacheKey = this.cache ? routeCacheKeyOf(ctx, run) : null;
    const hit = cacheKey && this.cache ? await this.cache.get(cacheKey) : null;
    if (hit) {
      run.cache = 'hit';
      return replayed(hit);
    }
    if (cacheKey) run.cache = 'miss';
    const { planned, answer } = await this.attempts.run({
      ...signals,
      order: stepOrder(run.config.strategy, run.steps, this.random),
      strategy: run.config.retryStrategy,
      requestOf: (step) => stepRequest(step, ctx.request, ctx.req.headers),
      attempts: run.attempts,
    });
    run.answeredStep = planned.index;
    retarget(ctx, run, planned.index);
    ctx.price = this.metering.lookup(planned.step.provider, planned.step.model, planned.setting.costMap);
    return cacheKey && this.cache ? recording(answer, this.cache, cacheKey, run, planned.step.model) : answer;
  }
}

// The relay reads an upstream response; a route's answer (translated, replayed from the cache, or passed
// through) is handed to it in that shape, with the cache's verdict in x-tollgate-cache.
function asResponseData(answer: StepAnswer, run: RouteRun): Dispatcher.ResponseData {
  const headers = run.cache ? { ...answer.headers, 'x-tollgate-cache': run.cache } : answer.headers;
  const body = Readable.from(answer.body, { objectMode: false });
  return {
    statusCode: answer.statusCode,
    headers,
    body,
    trailers: {},
    opaque: null,
    context: {},
  } as unknown as Dispatcher.ResponseData;
}
