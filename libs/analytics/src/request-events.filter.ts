import { inList, raw, sql, type SqlFragment } from '@tollgate/platform-clickhouse';

// The filters the reporting endpoints share. Times are Unix seconds, [start, end).
export interface RequestEventsFilter {
  start?: number;
  end?: number;
  keyIds?: readonly string[];
  // The event's key had all of these tags.
  tags?: readonly string[];
  customIds?: readonly string[];
  userIds?: readonly string[];
  status?: number;
  // Requests served by one of these routes.
  routeIds?: readonly string[];
}

// A WHERE clause no event matches (a filter on something events never carry).
export const NO_REQUEST_EVENTS: SqlFragment = raw('0');

// The filter as one WHERE clause, every value escaped.
export function requestEventsWhere(filter: RequestEventsFilter): SqlFragment {
  const parts: SqlFragment[] = [raw('1')];
  if (filter.start !== undefined) parts.push(sql`created_at >= toDateTime(${filter.start})`);
  if (filter.end !== undefined) parts.push(sql`created_at < toDateTime(${filter.end})`);
  if (filter.keyIds?.length) parts.push(sql`key_id IN ${inList(filter.keyIds)}`);
  if (filter.tags?.length) parts.push(sql`hasAll(tags, ${filter.tags})`);
  if (filter.customIds?.length) parts.push(sql`custom_id IN ${inList(filter.customIds)}`);
  if (filter.userIds?.length) parts.push(sql`user_id IN ${inList(filter.userIds)}`);
  if (filter.status !== undefined) parts.push(sql`status = ${filter.status}`);
  if (filter.routeIds?.length) parts.push(sql`route_id IN ${inList(filter.routeIds)}`);
  return raw(parts.map((p) => p.text).join(' AND '));
}
