import { Inject, Injectable } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { CLICKHOUSE } from '../clickhouse.module';
import { toRequestEventRow } from './request-event.row';

// Writes usage events to ClickHouse; a failed insert throws so the batch is redelivered, not committed.
@Injectable()
export class RequestEventsSink {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  async write(events: readonly RequestCompletedV1[]): Promise<void> {
    if (events.length === 0) return;
    await this.clickhouse.insert({
      table: 'request_events',
      values: events.map(toRequestEventRow),
      format: 'JSONEachRow',
    });
  }
}
