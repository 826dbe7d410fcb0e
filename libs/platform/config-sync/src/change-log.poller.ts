import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ConfigChangedV1PayloadSchema, ConfigEntitySchema } from '@tollgate/contracts';
import type { ConfigChange, ConfigReadModel } from './config-read-model';

// Rows are stamped when inserted, not when committed: a poll reads back this far before the previous one
// so a transaction that commits up to this long after writing its row is still seen.
export const CHANGE_LOG_MARGIN_MS = 30_000;
// config-admin prunes older rows; an instance that could not poll for longer reloads its whole snapshot.
export const CHANGE_LOG_RETENTION_MS = 15 * 60_000;
const RELOAD_AFTER_MS = CHANGE_LOG_RETENTION_MS - 5 * 60_000;

interface ChangeLogRow {
  id: string;
  entity: string;
  entity_id: string;
  version: number;
  payload: Record<string, unknown> | null;
  created_at: Date;
}

// Reads the config changes committed since the last read from config_change_log, whatever the config topic
// does: the floor under the topic's push, so a change (a revocation above all) applies within one poll
// interval even while Kafka is unreachable. Each row is applied once; the model ignores versions it holds.
export class ChangeLogPoller {
  private readonly logger = new Logger(ChangeLogPoller.name);
  private since = new Date(0);
  private lastReadAt = new Date(0);
  // Rows read inside the margin, by id → insert time, so the next poll does not fetch them again.
  private readonly seen = new Map<string, Date>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly model: ConfigReadModel,
    private readonly reload: () => Promise<Date>,
  ) {}

  // After a full snapshot taken at `takenAt` (database time).
  resetTo(takenAt: Date): void {
    this.seen.clear();
    this.since = new Date(takenAt.getTime() - CHANGE_LOG_MARGIN_MS);
    this.lastReadAt = takenAt;
  }

  // Returns the database time up to which every committed change is now applied.
  async poll(): Promise<Date> {
    if (Date.now() - this.lastReadAt.getTime() > RELOAD_AFTER_MS) {
      this.logger.warn('change log not read for too long (rows may be pruned): reloading the snapshot');
      const takenAt = await this.reload();
      this.resetTo(takenAt);
      return takenAt;
    }
    const { now, rows } = await this.readSince();
    for (const row of rows) this.applyRow(row, now);
    this.lastReadAt = now;
    this.since = new Date(now.getTime() - CHANGE_LOG_MARGIN_MS);
    for (const [id, insertedAt] of this.seen) if (insertedAt <= this.since) this.seen.delete(id);
    return now;
  }

  private readSince(): Promise<{ now: Date; rows: ChangeLogRow[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ now }] = (await manager.query('SELECT now() AS now')) as [{ now: Date }];
      const rows = (await manager.query(
        `SELECT id, entity, entity_id, version, payload, created_at FROM config_change_log
          WHERE created_at > $1 AND id <> ALL($2::bigint[]) ORDER BY id`,
        [this.since, [...this.seen.keys()]],
      )) as ChangeLogRow[];
      return { now: new Date(now), rows };
    });
  }

  private applyRow(row: ChangeLogRow, readAt: Date): void {
    this.seen.set(row.id, new Date(row.created_at));
    const change = toChange(row, readAt);
    if (change) this.model.apply(change);
    else this.logger.warn(`invalid change-log row ${row.id} (${row.entity} ${row.entity_id}) skipped`);
  }
}

// A row is known committed as of the read (`readAt`), which is when the change counts as having happened:
// its insert time may precede a snapshot that did not see it yet.
function toChange(row: ChangeLogRow, readAt: Date): ConfigChange | null {
  const entity = ConfigEntitySchema.safeParse(row.entity);
  if (!entity.success) return null;
  if (row.payload === null)
    return { op: 'delete', entity: entity.data, id: row.entity_id, version: row.version };
  const payload = ConfigChangedV1PayloadSchema.safeParse({
    entity: entity.data,
    id: row.entity_id,
    version: row.version,
    data: row.payload,
  });
  if (!payload.success) return null;
  return { op: 'upsert', ...payload.data, occurredAt: readAt } as ConfigChange;
}
