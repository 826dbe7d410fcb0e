import type { Dispatcher } from 'undici';
import type { RouteAttempt, RouteSnapshot } from '@tollgate/contracts';
import { ClientClosedRequest, ProxyError } from '../request/proxy-error';
import type { PlannedStep } from '../request/route-run';
import { backoffMs, durationMs, isRetryableStatus, retryAfterMs } from './retry-policy';
import type { StepRequest } from './step-request';
import { bodyOf, clientAnswer, readText, withFirstChunk, type StepAnswer } from './step-response';

export type Send = (
  url: string,
  options: { method: 'POST'; headers: Record<string, string>; body: Buffer; signal: AbortSignal },
) => Promise<Pick<Dispatcher.ResponseData, 'statusCode' | 'headers' | 'body'>>;

export interface AttemptsInput {
  order: PlannedStep[];
  strategy: RouteSnapshot['retryStrategy'];
  requestOf: (planned: PlannedStep) => StepRequest;
  // Aborted when the client leaves or the request's deadline passes: ends every attempt and wait.
  call: AbortSignal;
  clientGone: AbortSignal;
  deadlineAt: number;
  // Every attempt, as it ends (the event records them).
  attempts: RouteAttempt[];
}

export interface Answered {
  planned: PlannedStep;
  answer: StepAnswer;
}

type Tried =
  | { done: true; answer: StepAnswer }
  | {
      done: false;
      outcome: RouteAttempt['outcome'];
      status: number | null;
      waitMs: number | null;
      failure: StepAnswer | null;
    };

// Tries the steps in order, each up to 1 + retries times, until one answers with something other than a
// retryable failure. Retries wait (constant or exponential backoff with jitter, or the upstream's
// Retry-After); the next step is tried at once. Out of steps (or of time): the last failure the upstream
// answered goes back to the client, or a gateway error when none answered.
export class RouteAttempts {
  constructor(
    private readonly send: Send,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async run(input: AttemptsInput): Promise<Answered> {
    let last: Answered | null = null;
    let lastOutcome: RouteAttempt['outcome'] = 'connection_error';
    for (const planned of input.order) {
      const request = input.requestOf(planned);
      const interval = durationMs(planned.step.retryInterval, 1000);
      for (let attempt = 0; attempt <= planned.step.retries; attempt += 1) {
        const tried = await this.attempt(planned, attempt, request, input);
        if (tried.done) return { planned, answer: tried.answer };
        lastOutcome = tried.outcome;
        if (tried.failure) last = { planned, answer: tried.failure };
        if (attempt === planned.step.retries) break;
        const wait = backoffMs(input.strategy, interval, attempt + 1, tried.waitMs);
        if (this.clock() + wait >= input.deadlineAt) return this.exhausted(last, 'upstream_timeout');
        await sleep(wait, input.call);
        this.checkAlive(input);
      }
    }
    return this.exhausted(last, lastOutcome === 'timeout' ? 'upstream_timeout' : 'upstream_unreachable');
  }

  private exhausted(last: Answered | null, code: 'upstream_timeout' | 'upstream_unreachable'): Answered {
    if (last) return last;
    throw new ProxyError(code, 'no step of the route answered');
  }

  private checkAlive(input: AttemptsInput): void {
    if (input.clientGone.aborted) throw new ClientClosedRequest();
    if (input.call.aborted || this.clock() >= input.deadlineAt)
      throw new ProxyError('upstream_timeout', 'the route did not answer within the request timeout');
  }

  // One attempt, within its step's timeout and the request's deadline.
  private async attempt(
    planned: PlannedStep,
    attempt: number,
    request: StepRequest,
    input: AttemptsInput,
  ): Promise<Tried> {
    this.checkAlive(input);
    const started = this.clock();
    const limit = Math.min(durationMs(planned.step.timeout, 300_000), input.deadlineAt - started);
    const control = new AbortController();
    const timer = setTimeout(() => control.abort(), Math.max(1, limit));
    const onCall = () => control.abort();
    input.call.addEventListener('abort', onCall, { once: true });
    const record = (outcome: RouteAttempt['outcome'], status: number | null) =>
      input.attempts.push({
        step: planned.index,
        attempt,
        provider: planned.step.provider,
        model: planned.step.model,
        status,
        outcome,
        latencyMs: Math.max(0, Math.round(this.clock() - started)),
      });
    let answered = false;
    try {
      const response = await this.send(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: control.signal,
      });
      const answer = { statusCode: response.statusCode, headers: response.headers, body: response.body };
      const tried = await this.classify(planned, answer, record);
      answered = tried.done;
      return tried;
    } catch (error) {
      if (error instanceof ProxyError) throw error;
      this.checkAlive(input);
      const outcome = control.signal.aborted ? 'timeout' : 'connection_error';
      record(outcome, null);
      return { done: false, outcome, status: null, waitMs: null, failure: null };
    } finally {
      clearTimeout(timer);
      // An answer keeps streaming after this: the request's deadline (and the client leaving) still end it.
      if (!answered) input.call.removeEventListener('abort', onCall);
    }
  }

  private async classify(
    planned: PlannedStep,
    answer: StepAnswer,
    record: (outcome: RouteAttempt['outcome'], status: number | null) => void,
  ): Promise<Tried> {
    const status = answer.statusCode;
    if (isRetryableStatus(status)) {
      // Read whole (an error body is small): it is what the client gets if no later attempt answers.
      const text = await readText(answer.body);
      record('retryable_error', status);
      const failure = await clientAnswer(planned, { ...answer, body: bodyOf(Buffer.from(text)) });
      return {
        done: false,
        outcome: 'retryable_error',
        status,
        waitMs: retryAfterMs(answer.headers['retry-after']),
        failure,
      };
    }
    // Nothing has reached the client until the first chunk has arrived: a failure before it fails over.
    const body = await withFirstChunk(answer.body);
    record(status < 300 ? 'success' : 'fatal_error', status);
    return { done: true, answer: await clientAnswer(planned, { ...answer, body }) };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
