import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { RequestEventsSink } from './request-events.sink';

// Exactly once, against a real ClickHouse (a database of its own, migrated by the ingester's own files).
describe('RequestEventsSink (real ClickHouse)', () => {
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let clickhouse: ClickHouseClient;
  let sink: RequestEventsSink;
  const keyId = randomUUID();

  const event = (costNanoUsd: number): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: {
        ...requestCompletedV1Fixtures.chatSuccess.payload,
        requestId: randomUUID(),
        keyId,
        costNanoUsd,
      },
    }) as RequestCompletedV1;
  const scalar = async (query: string) => {
    const result = await clickhouse.query({ query, format: 'JSONEachRow' });
    return Object.values((await result.json<Record<string, number>>())[0] ?? {})[0];
  };
  // Raw rows without FINAL, and the rollup: neither may count an event twice.
  const counts = async () => ({
    raw: Number(await scalar(`SELECT count() FROM request_events WHERE key_id = '${keyId}'`)),
    rolledUp: Number(
      await scalar(`SELECT countMerge(requests) FROM request_rollup_minute WHERE key_id = '${keyId}'`),
    ),
    cost: Number(
      await scalar(`SELECT sumMerge(cost_nano_usd_sum) FROM request_rollup_minute WHERE key_id = '${keyId}'`),
    ),
  });

  beforeAll(async () => {
    await ensureDatabase(options);
    clickhouse = createClickHouse(options);
    await migrateClickHouse(clickhouse, join(import.meta.dirname, '../../../migrations'));
    sink = new RequestEventsSink(clickhouse);
  });

  afterAll(async () => {
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await clickhouse.close();
  });

  it('keeps each event once when a batch is redelivered after a crash between insert and commit', async () => {
    const batch = [event(10_000), event(20_000), event(30_000)];
    expect(await sink.write(batch)).toBe(3);
    // The ingester died before committing: Kafka redelivers the batch, with one event more and one twice.
    const extra = event(40_000);
    expect(await sink.write([...batch, extra, extra])).toBe(1);
    expect(await counts()).toEqual({ raw: 4, rolledUp: 4, cost: 100_000 });
  });

  it('takes a batch of thousands at once (its lookups stay under the server query size limit)', async () => {
    const before = await counts();
    const batch = Array.from({ length: 10_000 }, () => event(1_000));
    expect(await sink.write(batch)).toBe(10_000);
    expect(await sink.write(batch)).toBe(0);
    expect((await counts()).raw).toBe(before.raw + 10_000);
  });

  it('refuses the batch while ClickHouse is unreachable (so it is not committed), then takes it once', async () => {
    const down = createClickHouse({ url: 'http://127.0.0.1:1', database: options.database });
    const batch = [event(1_000), event(2_000)];
    await expect(new RequestEventsSink(down).write(batch)).rejects.toThrow();
    await down.close();
    const before = await counts();
    expect(await sink.write(batch)).toBe(2);
    expect(await counts()).toEqual({
      raw: before.raw + 2,
      rolledUp: before.rolledUp + 2,
      cost: before.cost + 3_000,
    });
  });
});
