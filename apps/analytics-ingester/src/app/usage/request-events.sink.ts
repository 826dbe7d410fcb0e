import { Inject, Injectable } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { inList, sql } from '@tollgate/platform-clickhouse';
import { CLICKHOUSE } from '../clickhouse.module';
import { toRequestEventRow, type RequestEventRow } from './request-event.row';

// Writes usage events to ClickHouse exactly once. Offsets are committed only after the insert, so a crash
// between the two redelivers rows ClickHouse already has: those are skipped by their event ids, so the raw
// table and the rollups fed from its inserts count each event once. An insert is one block, so it lands
// whole or not at all; a failed one throws, and the batch is redelivered, not committed.
// Event ids (and as many key ids at most) per lookup: about 100 KiB of SQL.
const LOOKUP_IDS = 1000;

@Injectable()
export class RequestEventsSink {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  async write(events: readonly RequestCompletedV1[]): Promise<number> {
    // Each event becomes a row once: the lookup and the insert share them.
    const rows = [...new Map(events.map((e) => [e.eventId, toRequestEventRow(e)])).values()];
    if (rows.length === 0) return 0;
    const stored = await this.storedIds(rows);
    const fresh = rows.filter((r) => !stored.has(r.event_id));
    if (fresh.length === 0) return 0;
    await this.clickhouse.insert({ table: 'request_events', values: fresh, format: 'JSONEachRow' });
    return fresh.length;
  }

  // The ids of these events ClickHouse already holds, in lookups small enough for the server's query size
  // limit (256 KiB by default): a large batch would otherwise fail, and be redelivered, forever.
  private async storedIds(rows: readonly RequestEventRow[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let at = 0; at < rows.length; at += LOOKUP_IDS) {
      for (const id of await this.storedIdsOf(rows.slice(at, at + LOOKUP_IDS))) found.add(id);
    }
    return found;
  }

  // Looked up by the table's sort key (key and time), then the ids.
  private async storedIdsOf(rows: readonly RequestEventRow[]): Promise<string[]> {
    let from = Infinity;
    let to = -Infinity;
    for (const row of rows) {
      from = Math.min(from, row.created_at);
      to = Math.max(to, row.created_at);
    }
    const query = sql`SELECT event_id FROM request_events
      WHERE key_id IN ${inList([...new Set(rows.map((r) => r.key_id))])}
        AND created_at BETWEEN toDateTime(${from}) AND toDateTime(${to})
        AND event_id IN ${inList(rows.map((r) => r.event_id))}`;
    const result = await this.clickhouse.query({ query: query.text, format: 'JSONEachRow' });
    return (await result.json<{ event_id: string }>()).map((r) => r.event_id);
  }
}
