import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { KeyEntity, UserEntity } from '@tollgate/config-entities';
import type { UserQuery } from './user.dto';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, fields: Partial<UserEntity>): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create({ ...fields, version: 1 }));
  }

  save(manager: EntityManager, user: UserEntity): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  // Serialises creates and updates of one userId, so two concurrent requests cannot both pass the check.
  async lockUserId(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`user:${userId}`]);
  }

  // Users with this userId that would match the same requests: one's tags contain the other's.
  conflicting(
    manager: EntityManager,
    userId: string,
    tags: readonly string[],
    exceptId?: string,
  ): Promise<UserEntity[]> {
    const qb = manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.user_id = :userId', { userId })
      .andWhere('(u.tags @> :tags OR u.tags <@ :tags)', { tags: [...tags] });
    if (exceptId) qb.andWhere('u.id <> :exceptId', { exceptId });
    return qb.getMany();
  }

  byUserIdAndTags(manager: EntityManager, userId: string, tags: readonly string[]): Promise<UserEntity[]> {
    return manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.user_id = :userId', { userId })
      .andWhere('u.tags @> :tags', { tags: [...tags] })
      .getMany();
  }

  async existingKeyIds(manager: EntityManager, keyIds: readonly string[]): Promise<Set<string>> {
    if (keyIds.length === 0) return new Set();
    const rows = await manager
      .getRepository(KeyEntity)
      .find({ select: { keyId: true }, where: { keyId: In([...keyIds]) } });
    return new Set(rows.map((r) => r.keyId));
  }

  list(query: UserQuery): Promise<UserEntity[]> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'ASC');
    if (query.tags?.length) qb.andWhere('u.tags @> :tags', { tags: query.tags });
    if (query.keyIds?.length) qb.andWhere('u.key_ids && :keyIds', { keyIds: query.keyIds });
    if (query.userIds?.length) qb.andWhere('u.user_id = ANY(:userIds)', { userIds: query.userIds });
    return qb.skip(query.offset).take(query.limit).getMany();
  }
}
