import { createClient } from '@clickhouse/client';
import { sql } from '@tollgate/platform-clickhouse';
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
