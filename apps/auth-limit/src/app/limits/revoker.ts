import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ConfigOutboxEntity,
  KeyEntity,
  toKeySnapshot,
  toUserSnapshot,
  UserEntity,
} from '@tollgate/config-entities';

// Why auth-limit revoked something: each has a reason of its own (BricksLLM says "expired" for both).
export type RevocationReason = 'expired' | 'cost_limit_exhausted';

// Revokes a key or a user in PostgreSQL and records the change in the config outbox, in one transaction; the
// relay publishes it like any admin change, so every proxy's read model hears of it within a second.
@Injectable()
export class Revoker {
  private readonly logger = new Logger(Revoker.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // True when this call revoked it; false when it was already revoked or is gone.
  revokeKey(keyId: string, reason: RevocationReason): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager
        .getRepository(KeyEntity)
        .findOne({ where: { keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key || key.revoked) return false;
      key.revoked = true;
      key.revokedReason = reason;
      key.version += 1;
      const saved = await manager.getRepository(KeyEntity).save(key);
      await this.record(manager, 'key', keyId, saved.version, toKeySnapshot(saved));
      this.logger.log(`revoked key ${keyId}: ${reason}`);
      return true;
    });
  }

  revokeUser(id: string, reason: RevocationReason): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(UserEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.revoked) return false;
      user.revoked = true;
      user.revokedReason = reason;
      user.version += 1;
      const saved = await manager.getRepository(UserEntity).save(user);
      await this.record(manager, 'user', id, saved.version, toUserSnapshot(saved));
      this.logger.log(`revoked user ${id}: ${reason}`);
      return true;
    });
  }

  private async record(
    manager: EntityManager,
    entity: 'key' | 'user',
    entityId: string,
    version: number,
    payload: object,
  ): Promise<void> {
    const outbox = manager.getRepository(ConfigOutboxEntity);
    await outbox.save(
      outbox.create({ entity, entityId, version, payload: payload as Record<string, unknown> }),
    );
  }
}
