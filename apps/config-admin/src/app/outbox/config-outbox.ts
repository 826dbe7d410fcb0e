import type { EntityManager } from 'typeorm';
import type { ConfigEntity } from '@tollgate/contracts';
import { ConfigChangeLogEntity, ConfigOutboxEntity } from '@tollgate/config-entities';

// Outbox rows written by each open transaction: ConfigTransaction reads them once it has committed, so the
// admin call can wait until they have reached every read model.
const outboxRowsByTransaction = new WeakMap<EntityManager, string[]>();

// Records a config change inside the caller's transaction: the change, its outbox row (Kafka's queue) and
// its change-log row (what read models poll when the topic is silent) commit together or not at all.
// `snapshot` null records a delete.
export async function recordConfigChange(
  manager: EntityManager,
  change: { entity: ConfigEntity; id: string; version: number; snapshot: object | null },
): Promise<void> {
  const row = {
    entity: change.entity,
    entityId: change.id,
    version: change.version,
    payload: change.snapshot as Record<string, unknown> | null,
  };
  const outbox = manager.getRepository(ConfigOutboxEntity);
  const saved = await outbox.save(outbox.create(row));
  const log = manager.getRepository(ConfigChangeLogEntity);
  await log.save(log.create(row));
  outboxRowsByTransaction.set(manager, [...outboxRowsWrittenIn(manager), saved.id]);
}

export function outboxRowsWrittenIn(manager: EntityManager): string[] {
  return outboxRowsByTransaction.get(manager) ?? [];
}
