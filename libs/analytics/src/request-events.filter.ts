import { inList, raw, sql, type SqlFragment } from '@tollgate/platform-clickhouse';

// An event column among the given values; an empty list is no filter (not an empty IN).
const oneOf = (column: string) => (values: readonly string[]) =>
  values.length ? sql`${raw(column)} IN ${inList(values)}` : null;

// The filters the reporting endpoints share, one line each: its name, and the clause it adds (every value
// escaped). Times are Unix seconds, [start, end). The order here is the order in the WHERE clause.
const REQUEST_EVENT_FILTERS = {
  start: (v: number) => sql`created_at >= toDateTime(${v})`,
  end: (v: number) => sql`created_at < toDateTime(${v})`,
  keyIds: oneOf('key_id'),
  // The event's key had all of these tags.
  tags: (v: readonly string[]) => (v.length ? sql`hasAll(tags, ${v})` : null),
  customIds: oneOf('custom_id'),
  userIds: oneOf('user_id'),
  status: (v: number) => sql`status = ${v}`,
  // BricksLLM's v2 events filters: the key's PII policy, and what it did (allowed, warned, redacted,
  // blocked). A request scanned by no policy has neither.
  policyIds: oneOf('policy_id'),
  actions: oneOf('pii_action'),
  // Requests served by one of these routes.
  routeIds: oneOf('route_id'),
} satisfies Record<string, (value: never) => SqlFragment | null>;

type Filters = typeof REQUEST_EVENT_FILTERS;
export type RequestEventsFilter = { [K in keyof Filters]?: Parameters<Filters[K]>[0] };

// A WHERE clause no event matches (a filter on something events never carry).
export const NO_REQUEST_EVENTS: SqlFragment = raw('0');

// The filter as one WHERE clause.
export function requestEventsWhere(filter: RequestEventsFilter): SqlFragment {
  const parts: string[] = ['1'];
  for (const name of Object.keys(REQUEST_EVENT_FILTERS) as (keyof Filters)[]) {
    const value = filter[name];
    if (value === undefined) continue;
    const clause = (REQUEST_EVENT_FILTERS[name] as (v: typeof value) => SqlFragment | null)(value);
    if (clause) parts.push(clause.text);
  }
  return raw(parts.join(' AND '));
}
