import type { RequestEventRow } from './request-event.row';

// The raw events table: one row per gateway.request.completed.v1 event, written by the ingester, read by
// reporting. Its columns are the keys of RequestEventRow (the migrations create them).
export const REQUEST_EVENTS_TABLE = 'request_events';

// The columns the events endpoints read back, each one a column the ingester writes.
export const REPORTED_EVENT_COLUMNS = [
  'event_id',
  'created_at',
  'request_id',
  'key_id',
  'tags',
  'provider',
  'model',
  'path',
  'method',
  'status',
  'outcome',
  'stream',
  'latency_ms',
  'prompt_tokens',
  'completion_tokens',
  'cached_prompt_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'usage_estimated',
  'cost_nano_usd',
  'cost_known',
  'price_entry',
  'user_id',
  'custom_id',
  'metadata',
  'error_code',
  'request_content_type',
  'request_encoding',
  'request_body',
  'request_truncated',
  'response_content_type',
  'response_encoding',
  'response_body',
  'response_truncated',
  'policy_id',
  'pii_action',
  'route_id',
  'route_step',
  'cache',
] as const satisfies readonly (keyof RequestEventRow)[];

type Reported = Pick<RequestEventRow, (typeof REPORTED_EVENT_COLUMNS)[number]>;

// A reported row as ClickHouse returns it in JSON: as written, except that 64-bit integers (cost_nano_usd)
// arrive quoted, so every number is read through Number().
export type ReportedEventRow = {
  [C in keyof Reported]: Reported[C] extends number ? number | string : Reported[C];
};
