import { toWellFormedDeep, type LoggedBody, type RequestCompletedV1 } from '@tollgate/contracts';
import { NANO_PER_MICRO } from '@tollgate/pricing';

export type RequestEventRow = ReturnType<typeof toRequestEventRow>;

// Every column is sent: ClickHouse 18.16 ignores column DEFAULTs on JSONEachRow inserts. Strings are made
// well-formed here again (the proxy does it when it builds the event), so events already in Kafka from before,
// or from another producer, cannot make ClickHouse refuse the batch (a lone `\ud800`).
export function toRequestEventRow(source: RequestCompletedV1) {
  const event = toWellFormedDeep(source);
  const p = event.payload;
  const occurredAt = new Date(event.occurredAt);
  return {
    event_id: event.eventId,
    created_at: Math.floor(occurredAt.getTime() / 1000),
    created_at_ms: occurredAt.getUTCMilliseconds(),
    request_id: p.requestId,
    key_id: p.keyId ?? '',
    tags: p.tags,
    provider: p.provider,
    model: p.model,
    path: p.path,
    method: p.method,
    status: p.status,
    outcome: p.outcome,
    stream: p.stream ? 1 : 0,
    latency_ms: p.latencyMs,
    prompt_tokens: p.usage.promptTokens,
    completion_tokens: p.usage.completionTokens,
    cached_prompt_tokens: p.usage.cachedPromptTokens,
    cache_write_tokens: p.usage.cacheWriteTokens,
    reasoning_tokens: p.usage.reasoningTokens,
    total_tokens: p.usage.totalTokens,
    usage_estimated: p.usage.estimated ? 1 : 0,
    cost_nano_usd: p.costNanoUsd ?? 0,
    // Deprecated: rounded per row, for queries written before nano-dollars; sums of it are not exact.
    cost_micro_usd: Math.round((p.costNanoUsd ?? 0) / NANO_PER_MICRO),
    cost_known: p.costNanoUsd === null ? 0 : 1,
    price_entry: p.priceEntry ?? '',
    user_id: p.userId,
    custom_id: p.customId,
    metadata: p.metadata ? JSON.stringify(p.metadata) : '',
    error_code: p.errorCode ?? '',
    producer: event.producer,
    traceparent: event.traceparent ?? '',
    policy_id: p.policyId ?? '',
    pii_action: p.piiAction ?? '',
    pii_entities: p.piiEntities,
    route_id: p.routeId ?? '',
    route_step: p.routeStep ?? -1,
    route_attempts: JSON.stringify(p.routeAttempts),
    cache: p.cache ?? '',
    ...bodyColumns('request', p.request),
    ...bodyColumns('response', p.response),
  };
}

function bodyColumns<P extends 'request' | 'response'>(prefix: P, logged: LoggedBody | null) {
  return {
    [`${prefix}_content_type`]: logged?.contentType ?? '',
    [`${prefix}_encoding`]: logged?.encoding ?? '',
    [`${prefix}_body`]: logged?.body ?? '',
    [`${prefix}_truncated`]: logged?.truncated ? 1 : 0,
  } as Record<`${P}_content_type` | `${P}_encoding` | `${P}_body`, string> & Record<`${P}_truncated`, number>;
}
