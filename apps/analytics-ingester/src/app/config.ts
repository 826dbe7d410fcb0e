import { join } from 'node:path';
import { z } from 'zod';
import { ClickHouseEnv, KafkaEnv, LogEnv, port } from '@tollgate/platform-config';

export const AnalyticsIngesterEnv = ClickHouseEnv.extend(KafkaEnv.shape)
  .extend(LogEnv.shape)
  .extend({
    ANALYTICS_INGESTER_PORT: port(8005),
    // The built app carries its migrations beside main.js.
    CLICKHOUSE_MIGRATIONS_DIR: z.string().default(join(__dirname, 'migrations')),
  });
export type AnalyticsIngesterConfig = z.infer<typeof AnalyticsIngesterEnv>;
export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');
