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
import { requestEventsWhere } from './request-events.filter';
import { eventsQuery } from './reporting.queries';
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

  it('stores a route event (route, step, attempts, cache) and finds it by route', async () => {
    const base = requestCompletedV1Fixtures.chatSuccess;
    const attempt = {
      step: 1,
      attempt: 0,
      provider: 'openai',
      model: 'gpt-4o',
      status: 200,
      outcome: 'success',
      latencyMs: 12,
    };
    const event = RequestCompletedV1Schema.parse({
      ...base,
      eventId: '7f3e2d1c-0b9a-4876-8543-210fedcba987',
      payload: {
        ...base.payload,
        routeId: 'route-xyz',
        routeStep: 1,
        routeAttempts: [attempt],
        cache: 'miss',
      },
    }) as RequestCompletedV1;
    await clickhouse.insert({
      table: REQUEST_EVENTS_TABLE,
      values: [toRequestEventRow(event)],
      format: 'JSONEachRow',
    });
    const query = eventsQuery(
      requestEventsWhere({ routeIds: ['route-xyz'] }),
      { by: 'time', direction: 'asc' },
      { limit: 10, offset: 0 },
    );
    const result = await clickhouse.query({ query: query.text, format: 'JSONEachRow' });
    const rows = await result.json<{ route_id: string; route_step: number; cache: string }>();
    expect(rows).toEqual([expect.objectContaining({ route_id: 'route-xyz', route_step: 1, cache: 'miss' })]);
    const none = eventsQuery(
      requestEventsWhere({ routeIds: ['other'] }),
      { by: 'time', direction: 'asc' },
      { limit: 10, offset: 0 },
    );
    expect(await (await clickhouse.query({ query: none.text, format: 'JSONEachRow' })).json()).toEqual([]);
  });
});
