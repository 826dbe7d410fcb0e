import { toWellFormedDeep, type RequestCompletedV1Payload, type TokenUsage } from '@tollgate/contracts';

type RouteEventFields = Pick<RequestCompletedV1Payload, 'routeId' | 'routeStep' | 'routeAttempts' | 'cache'>;
import { headerOf } from '../request/request-headers';
import type { RequestContext } from '../request/request-context';
import { UnauthenticatedEvents } from './unauthenticated-events';
import type { RequestMetrics } from './request.metrics';
import { endUpstreamSpan } from './upstream-span-end';
import type { UsageRecorder } from './usage.recorder';

const NO_USAGE: TokenUsage = {
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimated: false,
};

const MAX_UNMATCHED_PATH_CHARS = 512;

// Stage 10: the request's one usage event, whatever happened to it, published without delaying anyone.
// A request refused before its key was known is counted, and only sampled into events; the metrics see
// every request, sampled or not.
export class RecordStage {
  constructor(
    private readonly recorder: Pick<UsageRecorder, 'record'>,
    private readonly unauthenticated = new UnauthenticatedEvents(Number.POSITIVE_INFINITY),
    private readonly metrics?: Pick<RequestMetrics, 'observe'>,
  ) {}

  run(ctx: RequestContext): void {
    const event = usageEventOf(ctx);
    this.metrics?.observe(event, {
      route: ctx.route?.route.template ?? null,
      priceKey: ctx.price?.key ?? null,
      answeredIn: ctx.timing.answeredIn,
    });
    if (!ctx.key && !this.unauthenticated.sample(ctx)) return;
    if (ctx.upstreamSpan) endUpstreamSpan(ctx.upstreamSpan, ctx, event);
    this.recorder.record(event, headerOf(ctx.req, 'traceparent'));
  }
}

// Strings a client sent (the body's model and user, x-metadata, x-custom-event-id, logged bodies) are made
// well-formed: a lone surrogate or a NUL in an event would make ClickHouse or PostgreSQL refuse it downstream.
export function usageEventOf(ctx: RequestContext): RequestCompletedV1Payload {
  return toWellFormedDeep(rawUsageEventOf(ctx));
}

function rawUsageEventOf(ctx: RequestContext): RequestCompletedV1Payload {
  const { req, key, request, access, outcome, bill } = ctx;
  return {
    requestId: ctx.requestId,
    keyId: key?.keyId ?? null,
    tags: key?.tags ?? [],
    provider: ctx.provider ?? '',
    model: bill?.model ?? request?.model ?? '',
    // The path as matched, priced and sent on; a refused one as it came, cut to a bounded length.
    path: ctx.route?.path ?? (req.url ?? '').split('?')[0]?.slice(0, MAX_UNMATCHED_PATH_CHARS) ?? '',
    method: req.method ?? '',
    status: outcome?.status ?? 500,
    outcome: outcome?.outcome ?? 'gateway_error',
    stream: (request?.stream ?? false) || (ctx.report?.streamed ?? false),
    latencyMs: Math.round((ctx.endedAt ?? performance.now()) - ctx.receivedAt),
    usage: bill?.usage ?? NO_USAGE,
    // No bill only when settling failed: unpriced, never a silent $0.
    costNanoUsd: bill ? bill.costNanoUsd : null,
    priceEntry: bill?.priceEntry ?? null,
    userId: request?.userId ?? '',
    customId: headerOf(req, 'x-custom-event-id'),
    metadata: metadataOf(headerOf(req, 'x-metadata')),
    errorCode: outcome?.errorCode ?? null,
    userEntityId: access?.user?.id ?? null,
    admission: ctx.admission?.charge ?? null,
    request: loggedRequestOf(ctx),
    response: ctx.responseLog?.toLogged() ?? null,
    reservationHeldFor: bill?.heldFor ?? null,
    lateUsageBilled: bill?.lateUsageBilled ?? [],
    policyId: ctx.pii?.policyId ?? key?.policyId ?? null,
    piiAction: ctx.pii?.action ?? null,
    piiEntities: ctx.pii?.entities ?? [],
    ...routeFieldsOf(ctx),
  };
}

// What a route request adds: the route, the step that answered, every attempt, and the cache's verdict.
function routeFieldsOf({ routeRun }: RequestContext): RouteEventFields {
  return {
    routeId: routeRun?.config.id ?? null,
    routeStep: routeRun?.answeredStep ?? null,
    routeAttempts: routeRun?.attempts ?? [],
    cache: routeRun?.cache ?? null,
  };
}

// A key with a PII policy has its request logged only as the PII stage left it (the forwarded, redacted
// body): a request refused before that stage ran (a limit, a bad model) logs nothing of its prompt.
function loggedRequestOf({ key, pii, request }: RequestContext) {
  if (key?.policyId && !pii) return null;
  return request?.log?.toLogged() ?? null;
}

// The client's x-metadata header, when it holds a JSON object.
function metadataOf(header: string): Record<string, unknown> | null {
  if (!header) return null;
  try {
    const value: unknown = JSON.parse(header);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
