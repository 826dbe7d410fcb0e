import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  daysStartingIn,
  eventBucketsQuery,
  eventsByDayQuery,
  eventCountQuery,
  eventsQuery,
  distinctValuesQuery,
  latencyPercentilesQuery,
  requestEventsWhere,
  spendByKeyQuery,
  type EventBucketRow,
  type EventDayRow,
  type EventCountRow,
  type EventsOrder,
  type DistinctValueRow,
  type KeySpendRow,
  type LatencyPercentilesRow,
  type ReportedEventRow,
} from '@tollgate/analytics';
import { KeyEntity } from '@tollgate/config-entities';
import { microFromNano, usdFromNano } from '@tollgate/pricing';
import type { EventsByDay, EventsQuery, EventsReport, EventsV2, TopKeys } from './event-reporting.dto';
import { ReportingClickHouse } from './reporting-clickhouse';

// ClickHouse sums nano-dollars exactly; the USD figures BricksLLM's API speaks are derived from them.
const usd = (nano: number | string | undefined) => usdFromNano(Number(nano ?? 0));

// BricksLLM's data point; an empty bucket is all zeros, a group column not asked for is "".
function dataPointOf(timeStamp: number, row: Partial<Omit<EventBucketRow, 'bucket'>>) {
  return {
    timeStamp,
    numberOfRequests: Number(row.requests ?? 0),
    costInUsd: usd(row.cost),
    latencyInMs: Number(row.latency ?? 0),
    promptTokenCount: Number(row.prompt ?? 0),
    completionTokenCount: Number(row.completion ?? 0),
    successCount: Number(row.successes ?? 0),
    model: row.model ?? '',
    keyId: row.key_id ?? '',
    customId: row.custom_id ?? '',
    userId: row.user_id ?? '',
  };
}

// A logged body as BricksLLM returns it (the JSON itself), or, for text and binary bodies BricksLLM would have
// lost the event for, {contentType, encoding, body, truncated}; {} when nothing was logged.
function loggedBody(
  encoding: string,
  body: string,
  contentType: string,
  truncated: number | string,
): unknown {
  if (!encoding) return {};
  if (encoding === 'json') {
    try {
      return JSON.parse(body);
    } catch {
      // Stored as JSON, so parseable; if not, it is returned as text below.
    }
  }
  return { contentType, encoding, body, truncated: Number(truncated) === 1 };
}

// BricksLLM's event shape, its field names exactly (snake_case, but userId, action, policyId, routeId,
// correlationId and metadata as it spells them), with the fields it lacks after its own.
function toEvent(row: ReportedEventRow) {
  let metadata: unknown = null;
  try {
    metadata = row.metadata ? JSON.parse(row.metadata) : null;
  } catch {
    metadata = row.metadata;
  }
  return {
    id: row.event_id,
    created_at: Number(row.created_at),
    tags: row.tags,
    key_id: row.key_id,
    cost_in_usd: usd(row.cost_nano_usd),
    model: row.model,
    provider: row.provider,
    status: Number(row.status),
    prompt_token_count: Number(row.prompt_tokens),
    completion_token_count: Number(row.completion_tokens),
    latency_in_ms: Number(row.latency_ms),
    path: row.path,
    method: row.method,
    custom_id: row.custom_id,
    request: loggedBody(
      row.request_encoding,
      row.request_body,
      row.request_content_type,
      row.request_truncated,
    ),
    response: loggedBody(
      row.response_encoding,
      row.response_body,
      row.response_content_type,
      row.response_truncated,
    ),
    userId: row.user_id,
    // Empty for a request under no policy, as BricksLLM's.
    action: row.pii_action,
    policyId: row.policy_id,
    routeId: row.route_id,
    // Ours: the route step that answered (null: none), the route cache's verdict (null: no cache).
    routeStep: Number(row.route_step) >= 0 ? Number(row.route_step) : null,
    cache: row.cache || null,
    correlationId: row.request_id,
    metadata,
    outcome: row.outcome,
    stream: Number(row.stream) === 1,
    // Exact: a fraction of a micro-dollar is kept (0.16 for a cheap embeddings call).
    cost_in_micro_usd: microFromNano(Number(row.cost_nano_usd)),
    cost_in_nano_usd: Number(row.cost_nano_usd),
    cost_known: Number(row.cost_known) === 1,
    price_entry: row.price_entry,
    usage_estimated: Number(row.usage_estimated) === 1,
    cached_prompt_token_count: Number(row.cached_prompt_tokens),
    cache_write_token_count: Number(row.cache_write_tokens),
    reasoning_token_count: Number(row.reasoning_tokens),
    error_code: row.error_code,
  };
}

// BricksLLM's reporting and events endpoints, over ClickHouse. Each event is stored once (the ingester skips
// redelivered ones), so plain aggregates are exact.
@Injectable()
export class EventReportingService {
  constructor(
    private readonly clickhouse: ReportingClickHouse,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  // Data points per `increment` seconds over [start, end] (the end's bucket is always empty, as BricksLLM's),
  // grouped by the filters; the percentiles over exactly the range and filters asked for.
  async eventsReport(report: EventsReport) {
    const where = requestEventsWhere(report);
    const [buckets, [percentiles]] = await Promise.all([
      this.clickhouse.rows<EventBucketRow>(eventBucketsQuery(report, where, report.filters)),
      this.clickhouse.rows<LatencyPercentilesRow>(latencyPercentilesQuery(where)),
    ]);
    const byBucket = new Map<number, EventBucketRow[]>();
    for (const b of buckets) byBucket.set(Number(b.bucket), [...(byBucket.get(Number(b.bucket)) ?? []), b]);
    const dataPoints = [];
    const last = Math.floor((report.end - report.start) / report.increment);
    for (let i = 0; i <= last; i++) {
      const rows: Partial<EventBucketRow>[] = byBucket.get(i) ?? [{}];
      for (const row of rows) dataPoints.push(dataPointOf(report.start + i * report.increment, row));
    }
    const found = Number(percentiles?.n ?? 0) > 0;
    return {
      dataPoints,
      latencyInMsMedian: found ? Number(percentiles?.median) : 0,
      latencyInMs99th: found ? Number(percentiles?.p99) : 0,
    };
  }

  // BricksLLM's daily rows: per key and UTC day, for the days that start in [start, end), from the events
  // themselves (BricksLLM reads a table its open-source code never fills); the percentiles over those events.
  async eventsByDay(query: EventsByDay) {
    const where = requestEventsWhere({ ...daysStartingIn(query), keyIds: query.keyIds });
    const [days, [percentiles]] = await Promise.all([
      this.clickhouse.rows<EventDayRow>(eventsByDayQuery(where)),
      this.clickhouse.rows<LatencyPercentilesRow>(latencyPercentilesQuery(where)),
    ]);
    const found = Number(percentiles?.n ?? 0) > 0;
    return {
      dataPoints: days.map((row) => ({
        ...dataPointOf(Number(row.day), row),
        keyId: row.key_id,
      })),
      latencyInMsMedian: found ? Number(percentiles?.median) : 0,
      latencyInMs99th: found ? Number(percentiles?.p99) : 0,
    };
  }

  // Keys matching the filters with their spend in [start, end), those without spend included (at 0).
  async topKeys(query: TopKeys) {
    const keys = this.dataSource.getRepository(KeyEntity).createQueryBuilder('k').select('k.keyId', 'keyId');
    // As text: a filter that is not a uuid matches nothing rather than failing the cast.
    if (query.keyIds?.length) keys.andWhere('k.key_id::text = ANY(:keyIds)', { keyIds: query.keyIds });
    if (query.tags?.length) keys.andWhere('k.tags @> :tags', { tags: query.tags });
    if (query.name)
      keys.andWhere('k.name ILIKE :name', { name: `%${query.name.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.revoked !== undefined) keys.andWhere('k.revoked = :revoked', { revoked: query.revoked });
    const keyIds = (await keys.getRawMany<{ keyId: string }>()).map((k) => k.keyId);
    if (keyIds.length === 0) return { dataPoints: [] };
    const spend = await this.clickhouse.rows<KeySpendRow>(
      spendByKeyQuery(requestEventsWhere({ start: query.start, end: query.end, keyIds })),
    );
    const costOf = new Map(spend.map((s) => [s.key_id, Number(s.cost)]));
    const sign = query.order === 'asc' ? 1 : -1;
    const ranked = keyIds
      .map((keyId) => ({ keyId, nano: costOf.get(keyId) ?? 0 }))
      .sort((a, b) => sign * (a.nano - b.nano) || a.keyId.localeCompare(b.keyId));
    const page = ranked.slice(
      query.offset,
      query.limit === undefined ? undefined : query.offset + query.limit,
    );
    return { dataPoints: page.map((k) => ({ keyId: k.keyId, costInUsd: usd(k.nano) })) };
  }

  // GET /api/events: oldest first, as BricksLLM, up to 10000.
  async events(query: EventsQuery) {
    const where = requestEventsWhere({
      start: query.start,
      end: query.end,
      keyIds: query.keyIds,
      customIds: query.customId ? [query.customId] : undefined,
      userIds: query.userId ? [query.userId] : undefined,
    });
    const rows = await this.clickhouse.rows<ReportedEventRow>(
      eventsQuery(where, { by: 'time', direction: 'asc' }, { limit: 10_000, offset: 0 }),
    );
    return rows.map(toEvent);
  }

  // GET and POST /api/v2/events.
  async eventsV2(query: EventsV2) {
    const where = requestEventsWhere(query);
    const order: EventsOrder = query.costOrder
      ? { by: 'cost', direction: query.costOrder }
      : { by: 'time', direction: query.dateOrder ?? 'desc' };
    const [rows, counted] = await Promise.all([
      this.clickhouse.rows<ReportedEventRow>(eventsQuery(where, order, query)),
      query.returnCount ? this.clickhouse.rows<EventCountRow>(eventCountQuery(where)) : Promise.resolve(null),
    ]);
    // BricksLLM always sends count: 0 unless returnCount asked for it.
    return { events: rows.map(toEvent), count: counted ? Number(counted[0]?.n ?? 0) : 0 };
  }

  // GET /api/reporting/users-ids and custom-ids: the distinct non-empty values seen with a key.
  async distinct(column: 'user_id' | 'custom_id', keyId: string): Promise<string[]> {
    const rows = await this.clickhouse.rows<DistinctValueRow>(distinctValuesQuery(column, keyId));
    return rows.map((r) => r.v);
  }
}
