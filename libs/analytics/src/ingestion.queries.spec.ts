import { describe, expect, it } from 'vitest';
import { storedEventIdsQuery } from './ingestion.queries';

describe(storedEventIdsQuery.name, () => {
  it('looks the ids up within the keys and the time span of the rows (the sort key), each key once', () => {
    const text = storedEventIdsQuery([
      { event_id: 'e1', key_id: 'k1', created_at: 300 },
      { event_id: 'e2', key_id: 'k1', created_at: 100 },
      { event_id: 'e3', key_id: '', created_at: 200 },
    ]).text.replace(/\s+/g, ' ');
    expect(text).toBe(
      "SELECT event_id FROM request_events WHERE key_id IN ('k1', '') " +
        'AND created_at BETWEEN toDateTime(100) AND toDateTime(300) ' +
        "AND event_id IN ('e1', 'e2', 'e3')",
    );
  });
});
