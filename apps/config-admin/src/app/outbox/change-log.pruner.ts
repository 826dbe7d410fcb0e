import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHANGE_LOG_RETENTION_MS } from '@tollgate/platform-config-sync';

const PRUNE_EVERY_MS = 60_000;

// Keeps config_change_log to the last CHANGE_LOG_RETENTION_MS: read models poll only its recent rows, and
// one that could not read it for that long reloads its whole snapshot instead.
@Injectable()
export class ChangeLogPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChangeLogPruner.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<void> {
    try {
      await this.dataSource.query(
        `DELETE FROM config_change_log WHERE created_at < now() - $1 * interval '1 millisecond'`,
        [CHANGE_LOG_RETENTION_MS],
      );
    } catch (error) {
      this.logger.warn(`pruning the config change log failed, retrying later: ${String(error)}`);
    }
  }
}
