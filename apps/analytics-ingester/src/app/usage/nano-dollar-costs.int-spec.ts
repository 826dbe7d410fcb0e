import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spendByKeyQuery, requestEventsWhere, toRequestEventRow } from '@tollgate/analytics';
import {
  makeEnvelope,
  microDollarRequestCompletedV1Fixture,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { RequestEventsSink } from './request-events.sink';

const MIGRATIONS = join(import.meta.dirname, '../../../migrations');

// A database that ran the migrations before nano-dollars and holds rows in micro-dollars, then takes the
// nano-dollar migration and new rows: every cost is read exactly, old and new, raw and rolled up.
describe('nano-dollar costs in ClickHouse (real ClickHouse, migrated from micro-dollars)', () => {
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  const keyId = randomUUID();
  let clickhouse: ClickHouseClient;
  const scalar = async (query: string) => {
    const result = await clickhouse.query({ query, format: 'JSONEachRow' });
    return Number(Object.values((await result.json<Record<string, unknown>>())[0] ?? {})[0]);
  };
  const rawTotal = () => scalar(`SELECT sum(cost_nano_usd) FROM request_events WHERE key_id = '${keyId}'`);
  const rolledUpTotal = () =>
    scalar(`SELECT sumMerge(cost_nano_usd_sum) FROM request_rollup_minute WHERE key_id = '${keyId}'`);

  beforeAll(async () => {
    await ensureDatabase(options);
    clickhouse = createClickHouse(options);
    const before = mkdtempSync(join(tmpdir(), 'tollgate-migrations-'));
    for (const file of readdirSync(MIGRATIONS).filter((f) => f < '0004'))
      copyFileSync(join(MIGRATIONS, file), join(before, file));
    await migrateClickHouse(clickhouse, before);
    rmSync(before, { recursive: true });
    // A row the ingester wrote before nano-dollars: 6 micro-dollars, no nano-dollar column yet.
    const old = RequestCompletedV1Schema.parse({
      ...microDollarRequestCompletedV1Fixture,
      payload: { ...microDollarRequestCompletedV1Fixture.payload, keyId },
    }) as RequestCompletedV1;
    // Nor the columns of later migrations (0005: PII, 0006: routes).
    const {
      cost_nano_usd: _nano,
      policy_id: _policy,
      pii_action: _action,
      pii_entities: _entities,
      route_id: _route,
      route_step: _step,
      route_attempts: _attempts,
      cache: _cache,
      ...oldRow
    } = toRequestEventRow(old);
    await clickhouse.insert({ table: 'request_events', values: [oldRow], format: 'JSONEachRow' });
    expect(await migrateClickHouse(clickhouse, MIGRATIONS)).toEqual([
      '0004_nano_dollar_costs',
      '0005_pii_columns',
      '0006_route_columns',
    ]);
  });

  afterAll(async () => {
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await clickhouse.close();
  });

  it('reads old rows in nano-dollars and sums a thousand calls of 0.16 micro-dollars exactly, raw and rolled up', async () => {
    expect(await rawTotal()).toBe(6_000);
    expect(await rolledUpTotal()).toBe(6_000);
    const calls = Array.from(
      { length: 1000 },
      () =>
        makeEnvelope({
          type: REQUEST_COMPLETED_TYPE,
          version: 1,
          producer: 'proxy-edge',
          payload: {
            ...requestCompletedV1Fixtures.chatSuccess.payload,
            requestId: randomUUID(),
            keyId,
            costNanoUsd: 160,
          },
        }) as RequestCompletedV1,
    );
    expect(await new RequestEventsSink(clickhouse).write(calls)).toBe(1000);
    // 6 micro-dollars from before, then 1000 × 160 nano-dollars = 160 micro-dollars (each rounded to 0 before).
    expect(await rawTotal()).toBe(166_000);
    expect(await rolledUpTotal()).toBe(166_000);
    expect(await scalar(`SELECT sum(cost_micro_usd) FROM request_events WHERE key_id = '${keyId}'`)).toBe(6);
    // Merged parts keep the old rows' derived figures.
    await clickhouse.command({ query: 'OPTIMIZE TABLE request_events FINAL' });
    await clickhouse.command({ query: 'OPTIMIZE TABLE request_rollup_minute FINAL' });
    expect(await rawTotal()).toBe(166_000);
    expect(await rolledUpTotal()).toBe(166_000);
    const query = spendByKeyQuery(requestEventsWhere({ start: 0, end: 4_000_000_000, keyIds: [keyId] }));
    const result = await clickhouse.query({ query: query.text, format: 'JSONEachRow' });
    const [spend] = await result.json<{ key_id: string; cost: number | string }>();
    expect(Number(spend?.cost)).toBe(166_000);
  });
});
