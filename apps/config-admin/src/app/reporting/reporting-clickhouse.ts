import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse, type SqlFragment } from '@tollgate/platform-clickhouse';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import { CONFIG_ADMIN_CONFIG, type ConfigAdminConfig } from '../config';

// The admin API reads the analytics tables the ingester owns (it creates and migrates them); every query is
// built with the one escaping helper.
@Injectable()
export class ReportingClickHouse implements OnModuleInit, OnApplicationShutdown {
  private readonly client: ClickHouseClient;

  constructor(
    @Inject(CONFIG_ADMIN_CONFIG) config: ConfigAdminConfig,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.client = createClickHouse({ url: config.CLICKHOUSE_URL, database: config.CLICKHOUSE_DATABASE });
  }

  onModuleInit(): void {
    this.readiness.register('clickhouse', async () => {
      const { success } = await this.client.ping();
      if (!success) throw new Error('ClickHouse ping failed');
    });
  }

  async rows<T>(query: SqlFragment): Promise<T[]> {
    const result = await this.client.query({ query: query.text, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
