import { createClient, type ClickHouseClient } from '@clickhouse/client';

export interface ClickHouseOptions {
  url: string;
  database: string;
}

export function createClickHouse(options: ClickHouseOptions): ClickHouseClient {
  return createClient({
    url: options.url,
    database: options.database,
    request_timeout: 30_000,
    // ISO timestamps; 64-bit integers as JSON numbers (18.16 quotes them by default).
    clickhouse_settings: {
      date_time_input_format: 'best_effort',
      output_format_json_quote_64bit_integers: 0,
    },
  });
}

// The database itself is created over a client bound to `default`, since the target may not exist yet.
export async function ensureDatabase(options: ClickHouseOptions): Promise<void> {
  const admin = createClient({ url: options.url, database: 'default' });
  try {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.database)) throw new Error('invalid database name');
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS \`${options.database}\`` });
  } finally {
    await admin.close();
  }
}
