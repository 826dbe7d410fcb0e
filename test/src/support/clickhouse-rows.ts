import { createClient } from '@clickhouse/client';
import { inList, sql } from '@tollgate/platform-clickhouse';
import { infraEnv } from '@tollgate/testing';

export interface RequestEventRow {
  event_id: string;
  key_id: string;
  model: string;
  status: number;
  outcome: string;
  stream: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_prompt_tokens: number;
  cache_write_tokens: number;
  provider: string;
  total_tokens: number;
  usage_estimated: number;
  custom_id: string;
  user_id: string;
  error_code: string;
  request_body: string;
  policy_id: string;
  pii_action: string;
  pii_entities: string[];
}

// Reads the analytics rows of one request, found by its custom id (X-CUSTOM-EVENT-ID), deduplicated by FINAL.
export async function rowsByCustomId(database: string, customId: string): Promise<RequestEventRow[]> {
  const client = createClient({
    url: infraEnv.clickhouseUrl,
    database,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  try {
    const query = sql`SELECT * FROM request_events FINAL WHERE custom_id = ${customId}`;
    const result = await client.query({ query: query.text, format: 'JSONEachRow' });
    return await result.json<RequestEventRow>();
  } finally {
    await client.close();
  }
}

export interface RequestEventTotals {
  rows: number;
  requestIds: number;
  eventIds: number;
  costNanoUsd: number;
}

// Totals over the raw rows of some keys, without FINAL: a duplicate row would be counted (exactly once means
// none was ever written, not that merges removed it).
export async function requestEventTotals(database: string, keyIds: string[]): Promise<RequestEventTotals> {
  const client = createClient({
    url: infraEnv.clickhouseUrl,
    database,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  try {
    const query = sql`SELECT count() AS rows, uniqExact(request_id) AS requestIds, uniqExact(event_id) AS eventIds,
      sum(cost_nano_usd) AS costNanoUsd FROM request_events WHERE key_id IN ${inList(keyIds)}`;
    const result = await client.query({ query: query.text, format: 'JSONEachRow' });
    const [totals] = await result.json<Record<keyof RequestEventTotals, number | string>>();
    return {
      rows: Number(totals?.rows),
      requestIds: Number(totals?.requestIds),
      eventIds: Number(totals?.eventIds),
      costNanoUsd: Number(totals?.costNanoUsd),
    };
  } finally {
    await client.close();
  }
}
