import { inList, raw, sql, type SqlFragment } from '@tollgate/platform-clickhouse';
import type { RequestEventRow } from './request-event.row';
import { REQUEST_EVENTS_TABLE } from './request-events.table';

export interface StoredEventIdRow {
  event_id: string;
}

// Which of these rows the table already holds (StoredEventIdRow), looked up by its sort key (key and time),
// then the ids. The caller keeps `rows` small enough for the server's query size limit.
export function storedEventIdsQuery(
  rows: readonly Pick<RequestEventRow, 'event_id' | 'key_id' | 'created_at'>[],
): SqlFragment {
  let from = Infinity;
  let to = -Infinity;
  for (const row of rows) {
    from = Math.min(from, row.created_at);
    to = Math.max(to, row.created_at);
  }
  return sql`SELECT event_id FROM ${raw(REQUEST_EVENTS_TABLE)}
    WHERE key_id IN ${inList([...new Set(rows.map((r) => r.key_id))])}
      AND created_at BETWEEN toDateTime(${from}) AND toDateTime(${to})
      AND event_id IN ${inList(rows.map((r) => r.event_id))}`;
}
