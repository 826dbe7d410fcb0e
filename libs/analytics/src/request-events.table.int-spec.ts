import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requestCompletedV1Fixtures,
  RequestCompletedV1Schema,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { toRequestEventRow } from './request-event.row';
import { REPORTED_EVENT_COLUMNS, REQUEST_EVENTS_TABLE } from './request-events.table';

// The row the ingester writes and the table its migrations create have the same columns: ClickHouse 18.16
// ignores column DEFAULTs on JSONEachRow inserts, so a column the row lacks would be stored empty.
describe('request_events table (real ClickHouse, the ingester’s migrations)', () => {
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let clickhouse: ClickHouseClient;

  beforeAll(async () => {
    await ensureDatabase(options);
    clickhouse = createClickHouse(options);
    await migrateClickHouse(
      clickhouse,
      join(import.meta.dirname, '../../../apps/analytics-ingester/migrations'),
    );
  });

  afterAll(async () => {
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await clickhouse.close();
  });

  it('has exactly the columns of the written row, and every reported column among them', async () => {
    const result = await clickhouse.query({
      query: `DESCRIBE TABLE ${REQUEST_EVENTS_TABLE}`,
      format: 'JSONEachRow',
    });
    const columns = (await result.json<{ name: string }>()).map((c) => c.name).sort();
    const event = RequestCompletedV1Schema.parse(
      requestCompletedV1Fixtures.chatSuccess,
    ) as RequestCompletedV1;
    expect(Object.keys(toRequestEventRow(event)).sort()).toEqual(columns);
    expect(columns).toEqual(expect.arrayContaining([...REPORTED_EVENT_COLUMNS]));
  });
});
