import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { KeyEntity } from '@tollgate/config-entities';
import type { KeyListQuery, KeySearch } from './key.dto';

export class DuplicateKeyError extends Error {}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class KeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(manager: EntityManager, fields: Partial<KeyEntity>): Promise<KeyEntity> {
    const repo = manager.getRepository(KeyEntity);
    return uniqueKey(() => repo.save(repo.create({ ...fields, version: 1 })));
  }

  async save(manager: EntityManager, key: KeyEntity): Promise<KeyEntity> {
    return uniqueKey(() => manager.getRepository(KeyEntity).save(key));
  }

  findForUpdate(manager: EntityManager, keyId: string): Promise<KeyEntity | null> {
    return manager
      .getRepository(KeyEntity)
      .findOne({ where: { keyId }, lock: { mode: 'pessimistic_write' } });
  }

  async remove(manager: EntityManager, key: KeyEntity): Promise<void> {
    await manager.getRepository(KeyEntity).delete({ keyId: key.keyId });
  }

  async search(query: KeySearch): Promise<{ keys: KeyEntity[]; count: number | undefined }> {
    const qb = this.dataSource.getRepository(KeyEntity).createQueryBuilder('k');
    if (query.tags?.length) qb.andWhere('k.tags @> :tags', { tags: query.tags });
    if (query.keyIds?.length) qb.andWhere('k.key_id::text = ANY(:keyIds)', { keyIds: query.keyIds });
    if (query.name) qb.andWhere('k.name ILIKE :name', { name: `%${escapeLike(query.name)}%` });
    if (query.revoked !== undefined) qb.andWhere('k.revoked = :revoked', { revoked: query.revoked });
    qb.orderBy('k.created_at', query.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('k.key_id', 'ASC');
    const keys = await qb.clone().skip(query.offset).take(query.limit).getMany();
    return { keys, count: query.returnCount ? await qb.getCount() : undefined };
  }

  // BricksLLM's filters: tag (has it), tags (has all), keyIds (any of), provider (one of its settings is).
  list(query: KeyListQuery): Promise<KeyEntity[]> {
    const qb = this.dataSource
      .getRepository(KeyEntity)
      .createQueryBuilder('k')
      .orderBy('k.created_at', 'DESC');
    if (query.tag) qb.andWhere(':tag = ANY(k.tags)', { tag: query.tag });
    if (query.tags?.length) qb.andWhere('k.tags @> :tags', { tags: query.tags });
    if (query.keyIds?.length) qb.andWhere('k.key_id::text = ANY(:keyIds)', { keyIds: query.keyIds });
    if (query.provider) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM provider_settings s WHERE s.id = ANY(k.setting_ids) AND s.provider = :provider)',
        { provider: query.provider },
      );
    }
    return qb.getMany();
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function uniqueKey<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (
      error instanceof QueryFailedError &&
      (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
    ) {
      throw new DuplicateKeyError();
    }
    throw error;
  }
}
