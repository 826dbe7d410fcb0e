import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReplyError } from 'ioredis';
import type { AdmissionCharge, KeySnapshot, UserSnapshot } from '@tollgate/contracts';
import {
  hasSpendLimits,
  hasTokenLimits,
  LimitAmountError,
  planLimits,
  WindowLimiter,
  type LimitedSubject,
  type Refusal,
} from '@tollgate/limits';
import {
  estimatePromptTokens,
  MoneyRangeError,
  reservationNanoUsd,
  tokenCounter,
  type PriceEntry,
  type TokenCounter,
} from '@tollgate/pricing';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';
import { ProxyError } from '../request/proxy-error';
import { LimitsRedis } from './limits-redis';
import { maxOutputTokens } from './output-tokens';
import type { ExtendAllowance } from './stream-cap';

export interface AdmissionRequest {
  requestId: string;
  key: KeySnapshot;
  user: UserSnapshot | null;
  model: string;
  price: PriceEntry | null;
  // The parsed JSON body, for the reservation's prompt count and max output tokens.
  body: Record<string, unknown> | null;
  // false for embeddings: no output tokens to reserve.
  generates: boolean;
  // The most prompt tokens the request may use, where it declares it (an assistants run's
  // max_prompt_tokens); null: its prompt is counted.
  promptTokensBound: number | null;
  timeoutMs: number;
}

// What a stream may generate before it must ask for more (the key's or user's endStreamsAtLimit).
export interface StreamAllowance {
  outputTokens: number;
  count: TokenCounter;
  extend: ExtendAllowance;
}

export interface AdmissionResult {
  charge: AdmissionCharge | null;
  streamAllowance: StreamAllowance | null;
  // Frees the request's in-flight slots; called once its response has ended, however it ended.
  release(): void;
}

const NOTHING_HELD: AdmissionResult = { charge: null, streamAllowance: null, release: () => undefined };

// Admission before the upstream call: every window of the key and its user, and their in-flight caps, in
// one atomic Redis call (none at all for a request with no limits). Spend and token windows are charged
// with the request's reservation; settlement in auth-limit replaces it with the actual amounts.
@Injectable()
export class AdmissionService {
  private readonly logger = new Logger(AdmissionService.name);
  private readonly limiter: WindowLimiter;

  constructor(
    @Inject(PROXY_EDGE_CONFIG) private readonly config: ProxyEdgeConfig,
    redis: LimitsRedis,
  ) {
    this.limiter = new WindowLimiter(redis.client);
  }

  async admit(request: AdmissionRequest): Promise<AdmissionResult> {
    const subjects: LimitedSubject[] = [{ kind: 'key', id: request.key.keyId, limits: request.key.limits }];
    if (request.user) subjects.push({ kind: 'user', id: request.user.id, limits: request.user.limits });
    const { outputTokens, ...reservation } = await this.reserve(request, subjects);
    const plan = planLimits(subjects, reservation, {
      slotId: request.requestId,
      // A slot whose holder died frees itself once no request could still be running.
      maxAgeMs: request.timeoutMs + 60_000,
    });
    if (plan.windows.length === 0 && plan.slots.length === 0) return NOTHING_HELD;

    let admission;
    try {
      admission = await this.limiter.admit(plan.windows, Date.now(), plan.slots);
    } catch (error) {
      if (this.failsOpen(error)) return NOTHING_HELD;
      throw limitsError(error);
    }
    if (!admission.admitted) throw refusalError(admission, request.user?.userId ?? null);

    const charge: AdmissionCharge = {
      ...reservation,
      costCounters: admission.counters.filter((_, i) => plan.windows[i]?.kind === 'cost'),
      tokenCounters: admission.counters.filter((_, i) => plan.windows[i]?.kind === 'tokens'),
    };
    const slots = admission.slots;
    const held = plan.windows.flatMap((w, i) =>
      w.kind === 'rate' ? [] : [{ key: admission.counters[i] ?? '', limit: w.limit, kind: w.kind }],
    );
    const capped = subjects.some((s) => s.limits.endStreamsAtLimit) && held.length > 0;
    return {
      charge,
      streamAllowance: capped
        ? {
            outputTokens,
            count: await tokenCounter(request.model),
            extend: (tokens) => this.extend(request, charge, held, tokens),
          }
        : null,
      release: () => {
        if (slots.length === 0) return;
        this.limiter
          .release(slots, request.requestId)
          .catch((error: unknown) => this.logger.warn(`in-flight slot release failed: ${String(error)}`));
      },
    };
  }

  // More output for a capped stream: charged to the same counters as its reservation, and added to it so
  // settlement corrects the whole.
  private async extend(
    request: AdmissionRequest,
    charge: AdmissionCharge,
    held: { key: string; limit: number; kind: 'cost' | 'tokens' }[],
    tokens: number,
  ): Promise<boolean> {
    try {
      const cost = request.price ? reservationNanoUsd(0, tokens, request.price) : 0;
      const ok = await this.limiter.charge(
        held.map((h) => ({ key: h.key, limit: h.limit, amount: h.kind === 'cost' ? cost : tokens })),
      );
      if (ok) {
        charge.reservedNanoUsd += cost;
        charge.reservedTokens += tokens;
      }
      return ok;
    } catch (error) {
      // The stream ends at its limits rather than run on without them, unless Redis is out of reach and the
      // gateway fails open.
      return this.failsOpen(error);
    }
  }

  // Only Redis out of reach (refused connection, timeout, no connection yet) lets a request through without
  // its limits, and only under fail_open. An error the request's own values caused (a reservation no counter
  // can hold) or Redis answered (a script error) never does.
  private failsOpen(error: unknown): boolean {
    const unreachable =
      !(error instanceof ReplyError) &&
      !(error instanceof LimitAmountError) &&
      !(error instanceof MoneyRangeError);
    if (!unreachable) {
      this.logger.error(`limits refused the request's amounts: ${String(error)}`);
      return false;
    }
    const open = this.config.LIMITS_ON_REDIS_ERROR === 'fail_open';
    this.logger.warn(
      `limits unavailable${open ? ', admitting without them (fail_open)' : ''}: ${String(error)}`,
    );
    return open;
  }

  // The most the request can cost and use: its prompt counted with gpt-tokenizer, plus every output token it
  // may generate. Counted only where a spend or token limit needs it (tokenizing costs CPU).
  private async reserve(request: AdmissionRequest, subjects: LimitedSubject[]) {
    const spend = subjects.some((s) => hasSpendLimits(s.limits));
    const tokens = subjects.some((s) => hasTokenLimits(s.limits));
    if ((!spend && !tokens) || !request.body)
      return { reservedNanoUsd: 0, reservedTokens: 0, outputTokens: 0 };
    const prompt =
      request.promptTokensBound ?? estimatePromptTokens(await tokenCounter(request.model), request.body);
    const output = request.generates
      ? maxOutputTokens(request.body, this.config.LIMITS_DEFAULT_MAX_OUTPUT_TOKENS)
      : 0;
    try {
      if (!Number.isSafeInteger(prompt + output)) throw new MoneyRangeError(`${prompt + output} tokens`);
      return {
        reservedNanoUsd: spend && request.price ? reservationNanoUsd(prompt, output, request.price) : 0,
        reservedTokens: prompt + output,
        outputTokens: output,
      };
    } catch (error) {
      throw limitsError(error);
    }
  }
}

// A reservation no counter can hold (max_tokens in the billions) is the request's fault: 400. Anything else
// that stops admission is the gateway's: 503, never an admission without limits.
function limitsError(error: unknown): ProxyError {
  if (error instanceof MoneyRangeError || error instanceof LimitAmountError)
    return new ProxyError(
      'cost_not_reservable',
      'the most this request may cost or use (its prompt plus max_tokens × n) is too large to reserve against this key’s limits; lower max_tokens',
    );
  return new ProxyError('limits_unavailable', 'the gateway cannot check this key’s limits right now');
}

const KIND_TEXT = {
  rate: ['rate_limited', 'user_rate_limited', 'request rate limit'],
  cost: ['spend_limited', 'user_spend_limited', 'spend limit'],
  tokens: ['token_limited', 'user_token_limited', 'token limit'],
  in_flight: ['too_many_in_flight', 'user_too_many_in_flight', 'limit of requests in flight'],
} as const;

// 429 with Retry-After and x-ratelimit-* headers naming the limit that refused the request.
function refusalError(refusal: Refusal, userId: string | null): ProxyError {
  const [keyCode, userCode, what] = KIND_TEXT[refusal.kind];
  const owner = refusal.check.subject.startsWith('user:') ? userId : null;
  const unit = 'unit' in refusal.check ? refusal.check.unit : null;
  const per = unit === null ? '' : unit === 'total' ? ' (total)' : ` per ${unit}`;
  const whose = owner ? `user's` : `key's`;
  const message = `too many requests: the ${whose} ${what}${per} of ${refusal.check.limit} is reached`;
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(refusal.check.limit),
    'x-ratelimit-remaining': String(Math.max(0, refusal.check.limit - refusal.used)),
  };
  const seconds =
    refusal.resetAtMs === null
      ? refusal.kind === 'in_flight'
        ? 1
        : null
      : Math.max(1, Math.ceil((refusal.resetAtMs - Date.now()) / 1000));
  if (seconds !== null) {
    headers['retry-after'] = String(seconds);
    headers['x-ratelimit-reset'] = String(seconds);
  }
  return new ProxyError(
    owner === null ? keyCode : userCode,
    owner === null ? message : `${message} for user: ${owner}`,
    headers,
  );
}
