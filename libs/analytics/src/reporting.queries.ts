import { raw, sql, type SqlFragment } from '@tollgate/platform-clickhouse';
import { REPORTED_EVENT_COLUMNS, REQUEST_EVENTS_TABLE } from './request-events.table';

// The reporting endpoints' queries over the raw events table. Each event is stored once (the ingester skips
// redelivered ones), so plain aggregates are exact. `where` comes from requestEventsWhere or NO_REQUEST_EVENTS.
const TABLE = raw(REQUEST_EVENTS_TABLE);

// Read back as Unix seconds, as the ingester wrote it.
const REPORTED_COLUMNS = raw(
  REPORTED_EVENT_COLUMNS.map((c) => (c === 'created_at' ? 'toUInt32(created_at) AS created_at' : c)).join(
    ', ',
  ),
);

export const EVENT_GROUP_COLUMNS = {
  model: 'model',
  keyId: 'key_id',
  customId: 'custom_id',
  userId: 'user_id',
} as const;
export type EventGroup = keyof typeof EVENT_GROUP_COLUMNS;
type GroupColumn = (typeof EVENT_GROUP_COLUMNS)[EventGroup];

// One row per bucket and group; numbers may arrive quoted (64-bit sums).
export type EventBucketRow = {
  bucket: number | string;
  requests: number | string;
  cost: number | string;
  latency: number | string;
  prompt: number | string;
  completion: number | string;
  successes: number | string;
} & Partial<Record<GroupColumn, string>>;

// Requests, spend, latency, tokens and successes per `increment` seconds from `start` (bucket 0), per group.
export function eventBucketsQuery(
  range: { start: number; increment: number },
  where: SqlFragment,
  groups: readonly EventGroup[],
): SqlFragment {
  const groupBy = raw(groups.map((g) => `, ${EVENT_GROUP_COLUMNS[g]}`).join(''));
  return sql`SELECT intDiv(toUInt32(created_at) - ${range.start}, ${range.increment}) AS bucket${groupBy},
    count() AS requests, sum(cost_nano_usd) AS cost, sum(latency_ms) AS latency,
    sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion, countIf(status = 200) AS successes
    FROM ${TABLE} WHERE ${where} GROUP BY bucket${groupBy} ORDER BY bucket${groupBy}`;
}

export interface LatencyPercentilesRow {
  median: number;
  p99: number;
  n: number | string;
}

// Exact latency percentiles over every matching event.
export function latencyPercentilesQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT quantileExact(0.5)(latency_ms) AS median, quantileExact(0.99)(latency_ms) AS p99, count() AS n
    FROM ${TABLE} WHERE ${where}`;
}

export interface KeySpendRow {
  key_id: string;
  cost: number | string;
}

// Spend per key over the matching events, in nano-dollars.
export function spendByKeyQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT key_id, sum(cost_nano_usd) AS cost FROM ${TABLE} WHERE ${where} GROUP BY key_id`;
}

// By time (ties by event id) or by cost (ties newest first).
export interface EventsOrder {
  by: 'time' | 'cost';
  direction: 'asc' | 'desc';
}

// The matching events (ReportedEventRow), one page of them in the given order.
export function eventsQuery(
  where: SqlFragment,
  order: EventsOrder,
  page: { limit: number; offset: number },
): SqlFragment {
  const direction = order.direction === 'asc' ? 'ASC' : 'DESC';
  const orderBy = raw(
    order.by === 'cost' ? `cost_nano_usd ${direction}, created_at DESC` : `created_at ${direction}, event_id`,
  );
  return sql`SELECT ${REPORTED_COLUMNS} FROM ${TABLE} WHERE ${where}
    ORDER BY ${orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`;
}

export interface EventCountRow {
  n: number | string;
}

export function eventCountQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT count() AS n FROM ${TABLE} WHERE ${where}`;
}

export interface DistinctValueRow {
  v: string;
}

// The distinct non-empty user ids or custom ids seen with a key.
export function distinctValuesQuery(column: 'user_id' | 'custom_id', keyId: string): SqlFragment {
  const name = raw(column);
  return sql`SELECT DISTINCT ${name} AS v FROM ${TABLE}
    WHERE key_id = ${keyId} AND ${name} != '' ORDER BY v LIMIT 100000`;
}

// One row per UTC day and key: BricksLLM's event_agg_by_day, computed from the events.
export type EventDayRow = Omit<EventBucketRow, 'bucket'> & { day: number | string; key_id: string };

export const SECONDS_PER_DAY = 86_400;

// Requests, spend, latency, tokens and successes per UTC day (a Unix day starts at a multiple of 86400 s) and
// key, days in order.
export function eventsByDayQuery(where: SqlFragment): SqlFragment {
  return sql`SELECT intDiv(toUInt32(created_at), ${SECONDS_PER_DAY}) * ${SECONDS_PER_DAY} AS day, key_id,
    count() AS requests, sum(cost_nano_usd) AS cost, sum(latency_ms) AS latency,
    sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion, countIf(status = 200) AS successes
    FROM ${TABLE} WHERE ${where} GROUP BY day, key_id ORDER BY day, key_id`;
}

// The events of the UTC days that start in [start, end), as BricksLLM selects its daily rows: a day is in
// when its first second is, whole, or not at all.
export function daysStartingIn(range: { start: number; end: number }): { start: number; end: number } {
  const firstDayAtOrAfter = (t: number) => Math.ceil(t / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return { start: firstDayAtOrAfter(range.start), end: firstDayAtOrAfter(range.end) };
}
