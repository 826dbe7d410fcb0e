import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inList, raw, sql, type SqlFragment } from '@tollgate/platform-clickhouse';
import { KeyEntity } from '@tollgate/config-entities';
import type { EventsQuery, EventsReport, EventsV2, TopKeys } from './event-reporting.dto';
import { ReportingClickHouse } from './reporting-clickhouse';

interface EventRow {
  event_id: string;
  created_at: number;
  request_id: string;
  key_id: string;
  tags: string[];
  provider: string;
  model: string;
  path: string;
  method: string;
  status: number;
  outcome: string;
  stream: number;
  latency_ms: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_prompt_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  usage_estimated: number;
  cost_micro_usd: number;
  cost_known: number;
  price_entry: string;
  user_id: string;
  custom_id: string;
  metadata: string;
  error_code: string;
  request_content_type: string;
  request_encoding: string;
  request_body: string;
  request_truncated: number;
  response_content_type: string;
  response_encoding: string;
  response_body: string;
  response_truncated: number;
}

const GROUP_COLUMNS = { model: 'model', keyId: 'key_id', customId: 'custom_id', userId: 'user_id' } as const;
const EVENT_COLUMNS = raw(
  'event_id, toUInt32(created_at) AS created_at, request_id, key_id, tags, provider, model, path, method, status, ' +
    'outcome, stream, latency_ms, prompt_tokens, completion_tokens, cached_prompt_tokens, cache_write_tokens, ' +
    'reasoning_tokens, usage_estimated, cost_micro_usd, cost_known, price_entry, user_id, custom_id, metadata, error_code, ' +
    'request_content_type, request_encoding, request_body, request_truncated, ' +
    'response_content_type, response_encoding, response_body, response_truncated',
);
const usd = (micro: number) => micro / 1_000_000;

// The filters the endpoints share, as one WHERE clause. Tags: the event's key had all of them.
function where(filter: {
  start?: number;
  end?: number;
  keyIds?: string[];
  tags?: string[];
  customIds?: string[];
  userIds?: string[];
  status?: number;
}): SqlFragment {
  const parts: SqlFragment[] = [raw('1')];
  if (filter.start !== undefined) parts.push(sql`created_at >= toDateTime(${filter.start})`);
  if (filter.end !== undefined) parts.push(sql`created_at < toDateTime(${filter.end})`);
  if (filter.keyIds?.length) parts.push(sql`key_id IN ${inList(filter.keyIds)}`);
  if (filter.tags?.length) parts.push(sql`hasAll(tags, ${filter.tags})`);
  if (filter.customIds?.length) parts.push(sql`custom_id IN ${inList(filter.customIds)}`);
  if (filter.userIds?.length) parts.push(sql`user_id IN ${inList(filter.userIds)}`);
  if (filter.status !== undefined) parts.push(sql`status = ${filter.status}`);
  return raw(parts.map((p) => p.text).join(' AND '));
}

// A logged body as BricksLLM returns it (the JSON itself), or, for text and binary bodies BricksLLM would have
// lost the event for, {contentType, encoding, body, truncated}; {} when nothing was logged.
function loggedBody(encoding: string, body: string, contentType: string, truncated: number): unknown {
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

// BricksLLM's event shape (snake_case), with the fields it lacks after its own.
function toEvent(row: EventRow) {
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
    cost_in_usd: usd(Number(row.cost_micro_usd)),
    model: row.model,
    provider: row.provider,
    status: Number(row.status),
    prompt_token_count: Number(row.prompt_tokens),
    completion_token_count: Number(row.completion_tokens),
    latency_in_ms: Number(row.latency_ms),
    path: row.path,
    method: row.method,
    custom_id: row.custom_id,
    user_id: row.user_id,
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
    policy_id: '',
    action: '',
    route_id: '',
    correlation_id: row.request_id,
    metadata,
    outcome: row.outcome,
    stream: Number(row.stream) === 1,
    cost_in_micro_usd: Number(row.cost_micro_usd),
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
    const filter = where(report);
    const groups = report.filters.map((f) => GROUP_COLUMNS[f]);
    const groupSql = groups.map((g) => `, ${g}`).join('');
    type Bucket = Record<string, string | number>;
    const [buckets, [percentiles]] = await Promise.all([
      this.clickhouse.rows<Bucket>(
        sql`SELECT intDiv(toUInt32(created_at) - ${report.start}, ${report.increment}) AS bucket${raw(groupSql)},
          count() AS requests, sum(cost_micro_usd) AS cost, sum(latency_ms) AS latency,
          sum(prompt_tokens) AS prompt, sum(completion_tokens) AS completion, countIf(status = 200) AS successes
        FROM request_events WHERE ${filter} GROUP BY bucket${raw(groupSql)} ORDER BY bucket${raw(groupSql)}`,
      ),
      this.clickhouse.rows<{ median: number; p99: number; n: number }>(
        sql`SELECT quantileExact(0.5)(latency_ms) AS median, quantileExact(0.99)(latency_ms) AS p99, count() AS n
        FROM request_events WHERE ${filter}`,
      ),
    ]);
    const byBucket = new Map<number, Bucket[]>();
    for (const b of buckets)
      byBucket.set(Number(b['bucket']), [...(byBucket.get(Number(b['bucket'])) ?? []), b]);
    const dataPoints = [];
    const last = Math.floor((report.end - report.start) / report.increment);
    for (let i = 0; i <= last; i++) {
      const rows = byBucket.get(i) ?? [{}];
      for (const row of rows)
        dataPoints.push({
          timeStamp: report.start + i * report.increment,
          numberOfRequests: Number(row['requests'] ?? 0),
          costInUsd: usd(Number(row['cost'] ?? 0)),
          latencyInMs: Number(row['latency'] ?? 0),
          promptTokenCount: Number(row['prompt'] ?? 0),
          completionTokenCount: Number(row['completion'] ?? 0),
          successCount: Number(row['successes'] ?? 0),
          model: String(row['model'] ?? ''),
          keyId: String(row['key_id'] ?? ''),
          customId: String(row['custom_id'] ?? ''),
          userId: String(row['user_id'] ?? ''),
        });
    }
    const found = Number(percentiles?.n ?? 0) > 0;
    return {
      dataPoints,
      latencyInMsMedian: found ? Number(percentiles?.median) : 0,
      latencyInMs99th: found ? Number(percentiles?.p99) : 0,
    };
  }

  // Keys matching the filters with their spend in [start, end), those without spend included (at 0).
  async topKeys(query: TopKeys) {
    const keys = this.dataSource.getRepository(KeyEntity).createQueryBuilder('k').select('k.keyId', 'keyId');
    if (query.keyIds?.length) keys.andWhere('k.key_id IN (:...keyIds)', { keyIds: query.keyIds });
    if (query.tags?.length) keys.andWhere('k.tags @> :tags', { tags: query.tags });
    if (query.name)
      keys.andWhere('k.name ILIKE :name', { name: `%${query.name.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.revoked !== undefined) keys.andWhere('k.revoked = :revoked', { revoked: query.revoked });
    const keyIds = (await keys.getRawMany<{ keyId: string }>()).map((k) => k.keyId);
    if (keyIds.length === 0) return { dataPoints: [] };
    const spend = await this.clickhouse.rows<{ key_id: string; cost: number }>(
      sql`SELECT key_id, sum(cost_micro_usd) AS cost FROM request_events
        WHERE ${where({ start: query.start, end: query.end, keyIds })} GROUP BY key_id`,
    );
    const costOf = new Map(spend.map((s) => [s.key_id, Number(s.cost)]));
    const sign = query.order === 'asc' ? 1 : -1;
    const ranked = keyIds
      .map((keyId) => ({ keyId, micro: costOf.get(keyId) ?? 0 }))
      .sort((a, b) => sign * (a.micro - b.micro) || a.keyId.localeCompare(b.keyId));
    const page = ranked.slice(
      query.offset,
      query.limit === undefined ? undefined : query.offset + query.limit,
    );
    return { dataPoints: page.map((k) => ({ keyId: k.keyId, costInUsd: usd(k.micro) })) };
  }

  // GET /api/events: oldest first, as BricksLLM, up to 10000.
  async events(query: EventsQuery) {
    const filter = where({
      start: query.start,
      end: query.end,
      keyIds: query.keyIds,
      customIds: query.customId ? [query.customId] : undefined,
      userIds: query.userId ? [query.userId] : undefined,
    });
    const rows = await this.clickhouse.rows<EventRow>(
      sql`SELECT ${EVENT_COLUMNS} FROM request_events WHERE ${filter} ORDER BY created_at, event_id LIMIT 10000`,
    );
    return rows.map(toEvent);
  }

  // GET and POST /api/v2/events.
  async eventsV2(query: EventsV2) {
    // Policies are not applied yet (the PII issue): no event has a policy, and every one was allowed.
    const none =
      Boolean(query.policyIds?.length) || (query.actions !== undefined && !query.actions.includes('allowed'));
    const filter = none ? raw('0') : where(query);
    const orderBy = query.costOrder
      ? raw(`cost_micro_usd ${query.costOrder.toUpperCase()}, created_at DESC`)
      : raw(`created_at ${(query.dateOrder ?? 'desc').toUpperCase()}, event_id`);
    const [rows, counted] = await Promise.all([
      this.clickhouse.rows<EventRow>(
        sql`SELECT ${EVENT_COLUMNS} FROM request_events WHERE ${filter}
          ORDER BY ${orderBy} LIMIT ${query.limit} OFFSET ${query.offset}`,
      ),
      query.returnCount
        ? this.clickhouse.rows<{ n: number }>(sql`SELECT count() AS n FROM request_events WHERE ${filter}`)
        : Promise.resolve(null),
    ]);
    return { events: rows.map(toEvent), ...(counted ? { count: Number(counted[0]?.n ?? 0) } : {}) };
  }

  // GET /api/reporting/users-ids and custom-ids: the distinct non-empty values seen with a key.
  async distinct(column: 'user_id' | 'custom_id', keyId: string): Promise<string[]> {
    const rows = await this.clickhouse.rows<{ v: string }>(
      sql`SELECT DISTINCT ${raw(column)} AS v FROM request_events
        WHERE key_id = ${keyId} AND ${raw(column)} != '' ORDER BY v LIMIT 100000`,
    );
    return rows.map((r) => r.v);
  }
}
