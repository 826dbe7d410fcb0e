import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { RequestEventsSink } from './request-events.sink';

// The sink against a real ClickHouse when rows are bad: strings made well-formed, rows ClickHouse refuses for
// their data isolated from the others, and ClickHouse down never taken for bad data.
describe('RequestEventsSink.ingest (real ClickHouse)', () => {
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let clickhouse: ClickHouseClient;
  let sink: RequestEventsSink;
  const keyId = randomUUID();

  const event = (change: Partial<RequestCompletedV1Payload> = {}): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: {
        ...requestCompletedV1Fixtures.chatSuccess.payload,
        requestId: randomUUID(),
        keyId,
        ...change,
      },
    }) as RequestCompletedV1;
  const rows = async (where = '1') => {
    const result = await clickhouse.query({
      query: `SELECT event_id, hex(user_id) AS user_hex, hex(custom_id) AS custom_hex FROM request_events
        WHERE key_id = '${keyId}' AND ${where}`,
      format: 'JSONEachRow',
    });
    return result.json<{ event_id: string; user_hex: string; custom_hex: string }>();
  };

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

  it('writes lone surrogates and NUL as U+FFFD instead of having ClickHouse refuse the batch', async () => {
    // As parsed from a Kafka message written before the proxy made strings well-formed.
    const poisoned = event({ userId: 'eve\ud800', customId: 'a\u0000b' });
    const outcome = await sink.ingest([event(), poisoned, event()]);
    expect(outcome).toEqual({ written: 3, refused: [] });
    const [row] = await rows(`event_id = '${poisoned.eventId}'`);
    expect(row).toEqual({
      event_id: poisoned.eventId,
      user_hex: Buffer.from('eve\uFFFD').toString('hex').toUpperCase(),
      custom_hex: Buffer.from('a\uFFFDb').toString('hex').toUpperCase(),
    });
  });

  it('isolates the rows ClickHouse refuses, writes the others once, and a redelivery adds nothing', async () => {
    // A column narrower than the data (a schema change): ClickHouse refuses a longer value, that row alone.
    await clickhouse.command({ query: 'ALTER TABLE request_events MODIFY COLUMN method FixedString(8)' });
    try {
      const before = (await rows()).length;
      const batch = Array.from({ length: 50 }, (_, i) =>
        event(i === 17 || i === 40 ? { method: 'PROPPATCHX' } : {}),
      );
      const outcome = await sink.ingest(batch);
      expect(outcome.written).toBe(48);
      expect(outcome.refused.map((r) => r.event)).toEqual([batch[17], batch[40]]);
      expect(outcome.refused[0]?.reason).toMatch(
        /^ClickHouse refused the row \(TOO_LARGE_STRING_SIZE\): Code: 131.*FixedString\(8\)/,
      );
      expect(await sink.ingest(batch)).toMatchObject({ written: 0 });
      const stored = await rows();
      expect(stored.length).toBe(before + 48);
      expect(new Set(stored.map((r) => r.event_id)).size).toBe(stored.length);
    } finally {
      await clickhouse.command({ query: 'ALTER TABLE request_events MODIFY COLUMN method String' });
    }
  });

  it('refuses nothing while ClickHouse is unreachable: the batch fails whole, to be retried', async () => {
    const down = createClickHouse({ url: 'http://127.0.0.1:1', database: options.database });
    try {
      await expect(
        new RequestEventsSink(down).ingest([event(), event({ userId: '\ud800' })]),
      ).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await down.close();
    }
  });
});
