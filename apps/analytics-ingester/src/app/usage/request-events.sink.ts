import { Inject, Injectable } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  REQUEST_EVENTS_TABLE,
  storedEventIdsQuery,
  toRequestEventRow,
  type RequestEventRow,
  type StoredEventIdRow,
} from '@tollgate/analytics';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { CLICKHOUSE } from '../clickhouse.module';

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
    await this.clickhouse.insert({ table: REQUEST_EVENTS_TABLE, values: fresh, format: 'JSONEachRow' });
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

  private async storedIdsOf(rows: readonly RequestEventRow[]): Promise<string[]> {
    const query = storedEventIdsQuery(rows);
    const result = await this.clickhouse.query({ query: query.text, format: 'JSONEachRow' });
    return (await result.json<StoredEventIdRow>()).map((r) => r.event_id);
  }
}
