import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toUserSnapshot, type UserEntity } from '@tollgate/config-entities';
import type { RevocationReason } from '@tollgate/contracts';
import { AdminException } from '../errors/admin.exception';
import { limitColumns } from '../keys/key-limits';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import { revocationDue } from '../revocations/revocation-due';
import type { CreateUserDto, UpdateUserDto, UserQuery } from './user.dto';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: ConfigTransaction,
  ) {}

  create(dto: CreateUserDto) {
    const userId = dto.userId ?? randomUUID();
    return this.tx.run(async (manager) => {
      await this.users.lockUserId(manager, userId);
      await this.requireUnique(manager, userId, dto.tags);
      await this.requireKeys(manager, dto.keyIds);
      const created = await this.users.create(manager, {
        userId,
        name: dto.name,
        tags: dto.tags,
        keyIds: dto.keyIds,
        allowedPaths: dto.allowedPaths,
        allowedModels: dto.allowedModels,
        limits: limitColumns(dto),
      });
      await this.publish(manager, created);
      return created;
    });
  }

  updateById(id: string, dto: UpdateUserDto) {
    return this.tx.run(async (manager) => {
      const user = await this.users.findForUpdate(manager, id);
      if (!user) throw new AdminException('not-found', 'user not found', `no user ${id}`);
      return this.apply(manager, user, dto);
    });
  }

  // PATCH /api/users?userId=&tags=: the one user with this userId whose tags include the given ones.
  updateByUserId(userId: string, tags: readonly string[], dto: UpdateUserDto) {
    return this.tx.run(async (manager) => {
      const matches = await this.users.byUserIdAndTags(manager, userId, tags);
      if (matches.length === 0)
        throw new AdminException(
          'not-found',
          'user not found',
          `no user ${userId} with tags [${tags.join(', ')}]`,
        );
      if (matches.length > 1)
        throw new AdminException(
          'conflict',
          'ambiguous user',
          `${matches.length} users match; give more tags`,
        );
      return this.apply(manager, matches[0] as UserEntity, dto);
    });
  }

  list(query: UserQuery) {
    return this.users.list(query);
  }

  private async apply(manager: EntityManager, user: UserEntity, dto: UpdateUserDto): Promise<UserEntity> {
    if (dto.tags) {
      await this.users.lockUserId(manager, user.userId);
      await this.requireUnique(manager, user.userId, dto.tags, user.id);
      user.tags = dto.tags;
    }
    if (dto.keyIds) {
      await this.requireKeys(manager, dto.keyIds);
      user.keyIds = dto.keyIds;
    }
    if (dto.name !== undefined) user.name = dto.name;
    if (dto.allowedPaths !== undefined) user.allowedPaths = dto.allowedPaths;
    if (dto.allowedModels !== undefined) user.allowedModels = dto.allowedModels;
    if (dto.revoked !== undefined) {
      user.revoked = dto.revoked;
      user.revokedReason = dto.revoked ? (dto.revokedReason ?? '') : '';
    }
    Object.assign(user.limits, limitColumns(dto, user.limits));
    return this.saveAndPublish(manager, user);
  }

  // Revokes a user on another service's request (its spend used up, its ttl run out) inside the caller's
  // transaction, as a PATCH {revoked: true} would: version bumped, outbox row. False when the user is gone,
  // already revoked, or the reason no longer holds for the stored user.
  async revoke(
    manager: EntityManager,
    id: string,
    reason: RevocationReason,
    nowMs: number,
  ): Promise<boolean> {
    const user = await this.users.findForUpdate(manager, id);
    if (!user || user.revoked || !revocationDue(reason, user.limits, nowMs)) return false;
    user.revoked = true;
    user.revokedReason = reason;
    await this.saveAndPublish(manager, user);
    return true;
  }

  private async saveAndPublish(manager: EntityManager, user: UserEntity): Promise<UserEntity> {
    user.version += 1;
    const saved = await this.users.save(manager, user);
    await this.publish(manager, saved);
    return saved;
  }

  private async requireUnique(
    manager: EntityManager,
    userId: string,
    tags: readonly string[],
    exceptId?: string,
  ) {
    const clashes = await this.users.conflicting(manager, userId, tags, exceptId);
    if (clashes.length > 0) {
      throw new AdminException(
        'conflict',
        'duplicate user',
        `user id ${userId} exists for tags [${clashes[0]?.tags.join(', ')}]`,
      );
    }
  }

  private async requireKeys(manager: EntityManager, keyIds: readonly string[]) {
    const existing = await this.users.existingKeyIds(manager, keyIds);
    const missing = keyIds.filter((id) => !existing.has(id));
    if (missing.length > 0)
      throw new AdminException(
        'validation',
        'user validation failed',
        `keys not found: ${missing.join(', ')}`,
      );
  }

  private publish(manager: EntityManager, user: UserEntity) {
    return recordConfigChange(manager, {
      entity: 'user',
      id: user.id,
      version: user.version,
      snapshot: toUserSnapshot(user),
    });
  }
}
