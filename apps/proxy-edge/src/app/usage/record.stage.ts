import type { RequestCompletedV1Payload, TokenUsage } from '@tollgate/contracts';
import { headerOf } from '../request/request-headers';
import type { RequestContext } from '../request/request-context';
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

// Stage 10: the request's one usage event, whatever happened to it, published without delaying anyone.
export class RecordStage {
  constructor(private readonly recorder: Pick<UsageRecorder, 'record'>) {}

  run(ctx: RequestContext): void {
    this.recorder.record(usageEventOf(ctx), headerOf(ctx.req, 'traceparent'));
  }
}

export function usageEventOf(ctx: RequestContext): RequestCompletedV1Payload {
  const { req, key, request, access, outcome, bill } = ctx;
  return {
    requestId: ctx.requestId,
    keyId: key?.keyId ?? null,
    tags: key?.tags ?? [],
    provider: ctx.provider ?? '',
    model: bill?.model ?? request?.model ?? '',
    path: (req.url ?? '').split('?')[0] ?? '',
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
    request: request?.log?.toLogged() ?? null,
    response: ctx.responseLog?.toLogged() ?? null,
    reservationHeldFor: bill?.heldFor ?? null,
    lateUsageBilled: bill?.lateUsageBilled ?? [],
  };
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
