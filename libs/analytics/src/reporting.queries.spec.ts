import { describe, expect, it } from 'vitest';
import { raw } from '@tollgate/platform-clickhouse';
import {
  daysStartingIn,
  distinctValuesQuery,
  eventsByDayQuery,
  eventBucketsQuery,
  eventsQuery,
  latencyPercentilesQuery,
  spendByKeyQuery,
} from './reporting.queries';
import { REPORTED_EVENT_COLUMNS } from './request-events.table';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const where = raw("key_id = 'k1'");

describe('reporting queries', () => {
  it('read every reported column back from the events table, the time in Unix seconds', () => {
    const text = oneLine(eventsQuery(where, { by: 'time', direction: 'asc' }, { limit: 10, offset: 0 }).text);
    const columns = text.slice('SELECT '.length, text.indexOf(' FROM ')).split(', ');
    expect(columns).toEqual(
      REPORTED_EVENT_COLUMNS.map((c) => (c === 'created_at' ? 'toUInt32(created_at) AS created_at' : c)),
    );
    expect(text).toContain(
      "FROM request_events WHERE key_id = 'k1' ORDER BY created_at ASC, event_id LIMIT 10 OFFSET 0",
    );
  });

  it('order events by cost with the newest first among equal costs', () => {
    const text = oneLine(
      eventsQuery(where, { by: 'cost', direction: 'desc' }, { limit: 5, offset: 20 }).text,
    );
    expect(text).toContain('ORDER BY cost_nano_usd DESC, created_at DESC LIMIT 5 OFFSET 20');
  });

  it('bucket events from the start of the range, grouped by the columns asked for', () => {
    const text = oneLine(eventBucketsQuery({ start: 1000, increment: 60 }, where, ['model', 'keyId']).text);
    expect(text).toMatch(
      /^SELECT intDiv\(toUInt32\(created_at\) - 1000, 60\) AS bucket, model, key_id, count\(\) AS requests/,
    );
    expect(text).toMatch(/GROUP BY bucket, model, key_id ORDER BY bucket, model, key_id$/);
  });

  it('aggregate over the same filter', () => {
    expect(oneLine(latencyPercentilesQuery(where).text)).toContain("FROM request_events WHERE key_id = 'k1'");
    expect(oneLine(spendByKeyQuery(where).text)).toBe(
      "SELECT key_id, sum(cost_nano_usd) AS cost FROM request_events WHERE key_id = 'k1' GROUP BY key_id",
    );
  });

  it('escape the key of a distinct-values lookup', () => {
    expect(oneLine(distinctValuesQuery('user_id', "x' OR 1=1 --").text)).toBe(
      "SELECT DISTINCT user_id AS v FROM request_events WHERE key_id = 'x\\' OR 1=1 --' AND user_id != '' ORDER BY v LIMIT 100000",
    );
  });

  it('group by UTC day (a multiple of 86400 s) and key, days in order', () => {
    const text = oneLine(eventsByDayQuery(where).text);
    expect(text).toContain('SELECT intDiv(toUInt32(created_at), 86400) * 86400 AS day, key_id');
    expect(text).toContain("WHERE key_id = 'k1' GROUP BY day, key_id ORDER BY day, key_id");
  });

  it('select the days that start in [start, end), whole', () => {
    const day = 86_400;
    // 2026-12-01T00:00Z and a moment into that day.
    const d1 = 1_796_083_200;
    expect(d1 % day).toBe(0);
    expect(daysStartingIn({ start: d1, end: d1 + 2 * day })).toEqual({ start: d1, end: d1 + 2 * day });
    // A start inside a day leaves that day out; an end inside a day keeps it (it started before end).
    expect(daysStartingIn({ start: d1 + 1, end: d1 + day + 1 })).toEqual({
      start: d1 + day,
      end: d1 + 2 * day,
    });
  });
});
