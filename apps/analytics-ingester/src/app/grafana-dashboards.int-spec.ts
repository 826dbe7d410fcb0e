import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';

// Every panel of the provisioned Grafana dashboards runs against ClickHouse (the version the infra scripts
// install), with the ClickHouse datasource's macros filled in as the plugin expands them.
const DASHBOARDS = join(import.meta.dirname, '../../../../deploy/grafana/dashboards');
const FROM = 1_764_000_000;
const TO = FROM + 3600;

interface Panel {
  title: string;
  type: string;
  targets: { rawSql: string; datasource: { uid: string } }[];
}

function expandMacros(query: string): string {
  return query
    .replace(/\$__timeFilter\((\w+)\)/g, `$1 >= toDateTime(${FROM}) AND $1 <= toDateTime(${TO})`)
    .replace(/\$__timeInterval\((\w+)\)/g, 'toStartOfInterval($1, INTERVAL 60 second)')
    .replace(/\$__fromTime/g, `toDateTime(${FROM})`)
    .replace(/\$__toTime/g, `toDateTime(${TO})`)
    .replace(/\$__interval_s/g, '60');
}

const panels: [string, Panel][] = readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) =>
    (JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as { panels: Panel[] }).panels.map(
      (p) => [`${file}: ${p.title}`, p] as [string, Panel],
    ),
  );

describe('Grafana dashboards (real ClickHouse)', () => {
  const options = { url: infraEnv.clickhouseUrl, database: `tollgate_int_${uniqueSuffix()}` };
  let clickhouse: ClickHouseClient;

  beforeAll(async () => {
    await ensureDatabase(options);
    clickhouse = createClickHouse(options);
    await migrateClickHouse(clickhouse, join(import.meta.dirname, '../../migrations'));
    // A few events inside the range: one success, one limit rejection, one with a user.
    const base = {
      key_id: 'k1',
      model: 'gpt-4o',
      provider: 'openai',
      latency_ms: 120,
      cost_nano_usd: 500_000,
      cost_micro_usd: 500,
    };
    await clickhouse.insert({
      table: 'request_events',
      format: 'JSONEachRow',
      values: [
        {
          ...base,
          event_id: randomUUID(),
          created_at: FROM + 10,
          status: 200,
          outcome: 'success',
          user_id: 'ann',
        },
        {
          ...base,
          event_id: randomUUID(),
          created_at: FROM + 70,
          status: 429,
          outcome: 'rejected',
          cost_nano_usd: 0,
          cost_micro_usd: 0,
        },
      ],
    });
  });

  afterAll(async () => {
    await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${options.database}` });
    await clickhouse.close();
  });

  it('has the panels the operators need', () => {
    const titles = panels.map(([, p]) => p.title.toLowerCase()).join(' | ');
    for (const topic of [
      'requests',
      'errors',
      'spend',
      'tokens',
      'p50',
      'p99',
      'top keys',
      'models',
      'users',
      'rejections',
    ])
      expect(titles).toContain(topic);
    for (const [, panel] of panels) expect(panel.targets[0]?.datasource.uid).toBe('tollgate-clickhouse');
  });

  it.each(panels)('%s runs and returns rows', async (_, panel) => {
    for (const target of panel.targets) {
      const result = await clickhouse.query({ query: expandMacros(target.rawSql), format: 'JSONEachRow' });
      const rows = await result.json<Record<string, unknown>>();
      expect(rows.length).toBeGreaterThan(0);
      if (panel.type === 'timeseries') expect(rows[0]).toHaveProperty('time');
    }
  });
});
