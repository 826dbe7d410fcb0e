import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse, ensureDatabase, migrateClickHouse } from '@tollgate/platform-clickhouse';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import { ANALYTICS_CONFIG, type AnalyticsIngesterConfig } from './config';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

// Owns the ClickHouse schema: creates the database and applies numbered migrations before consuming.
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [ANALYTICS_CONFIG],
      useFactory: async (config: AnalyticsIngesterConfig) => {
        const options = { url: config.CLICKHOUSE_URL, database: config.CLICKHOUSE_DATABASE };
        await ensureDatabase(options);
        const client = createClickHouse(options);
        await migrateClickHouse(client, config.CLICKHOUSE_MIGRATIONS_DIR);
        return client;
      },
    },
  ],
  exports: [CLICKHOUSE],
})
export class ClickHouseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('clickhouse', async () => {
      const { success } = await this.client.ping();
      if (!success) throw new Error('ClickHouse ping failed');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
