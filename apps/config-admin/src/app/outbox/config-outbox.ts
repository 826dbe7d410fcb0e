import type { EntityManager } from 'typeorm';
import type { ConfigEntity } from '@tollgate/contracts';
import { ConfigOutboxEntity } from '@tollgate/config-entities';

// Records a config change in the outbox inside the caller's transaction: the change and its event commit
// together or not at all. `snapshot` null records a delete.
export async function recordConfigChange(
  manager: EntityManager,
  change: { entity: ConfigEntity; id: string; version: number; snapshot: object | null },
): Promise<void> {
  const repo = manager.getRepository(ConfigOutboxEntity);
  await repo.save(
    repo.create({
      entity: change.entity,
      entityId: change.id,
      version: change.version,
      payload: change.snapshot as Record<string, unknown> | null,
    }),
  );
}
