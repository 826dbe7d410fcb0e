import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  REQUEST_EVENTS_TABLE,
  storedEventIdsQuery,
  toRequestEventRow,
  type RequestEventRow,
  type StoredEventIdRow,
} from '@tollgate/analytics';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { sendIsolatingRefused } from '@tollgate/platform-bus';
import { CLICKHOUSE } from '../clickhouse.module';
import { ClickHouseInsertMetrics } from './clickhouse-insert.metrics';
import { clickHouseRefusalOf } from './insert-refusal';

// Writes usage events to ClickHouse exactly once. Offsets are committed only after the insert, so a crash
// between the two redelivers rows ClickHouse already has: those are skipped by their event ids, so the raw
// table and the rollups fed from its inserts count each event once. An insert is one block, so it lands
// whole or not at all; a failed one throws, and the batch is redelivered, not committed, unless ClickHouse
// refused specific rows for their data (ingest): those are set aside and the rest written.
// Event ids (and as many key ids at most) per lookup: about 100 KiB of SQL.
const LOOKUP_IDS = 1000;

export interface IngestOutcome {
  written: number;
  // Events ClickHouse refused for their data, each alone: for the dead-letter topic.
  refused: { event: RequestCompletedV1; reason: string }[];
}

@Injectable()
export class RequestEventsSink {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    // Absent in tests that build the sink alone.
    @Optional() private readonly metrics?: ClickHouseInsertMetrics,
  ) {}

  // All or nothing: any failure throws (the batch is redelivered).
  async write(events: readonly RequestCompletedV1[]): Promise<number> {
    const fresh = await this.freshRows(events);
    if (fresh.length > 0) await this.insert(fresh.map((f) => f.row));
    return fresh.length;
  }

  // As write, except that rows ClickHouse refuses for their data are isolated (the batch is halved until each
  // stands alone) and returned, the others written. ClickHouse down still throws: nothing is refused then.
  async ingest(events: readonly RequestCompletedV1[]): Promise<IngestOutcome> {
    const fresh = await this.freshRows(events);
    const refused = await sendIsolatingRefused(
      fresh,
      (part) => this.insert(part.map((f) => f.row)),
      clickHouseRefusalOf,
    );
    return {
      written: fresh.length - refused.length,
      refused: refused.map(({ item, reason }) => ({ event: item.event, reason })),
    };
  }

  // Each event once (the lookup and the insert share the rows), without those ClickHouse already holds.
  private async freshRows(events: readonly RequestCompletedV1[]) {
    const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
    const rows = unique.map((event) => ({ event, row: toRequestEventRow(event) }));
    if (rows.length === 0) return [];
    const stored = await this.storedIds(rows.map((r) => r.row));
    return rows.filter((r) => !stored.has(r.row.event_id));
  }

  private async insert(rows: readonly RequestEventRow[]): Promise<void> {
    const insert = async () => {
      await this.clickhouse.insert({ table: REQUEST_EVENTS_TABLE, values: [...rows], format: 'JSONEachRow' });
    };
    await (this.metrics ? this.metrics.timed(rows.length, insert) : insert());
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
