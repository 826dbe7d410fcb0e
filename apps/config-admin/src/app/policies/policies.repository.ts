import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { KeyEntity, PolicyEntity } from '@tollgate/config-entities';

@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, fields: Partial<PolicyEntity>): Promise<PolicyEntity> {
    const repo = manager.getRepository(PolicyEntity);
    return repo.save(repo.create({ ...fields, version: 1 }));
  }

  save(manager: EntityManager, policy: PolicyEntity): Promise<PolicyEntity> {
    return manager.getRepository(PolicyEntity).save(policy);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<PolicyEntity | null> {
    return manager
      .getRepository(PolicyEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PolicyEntity).delete({ id });
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(PolicyEntity).exists({ where: { id } });
  }

  keysUsing(manager: EntityManager, id: string): Promise<number> {
    return manager.getRepository(KeyEntity).count({ where: { policyId: id } });
  }

  // Policies carrying every one of the tags.
  byTags(tags: readonly string[]): Promise<PolicyEntity[]> {
    return this.dataSource
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .where('p.tags @> :tags', { tags: [...tags] })
      .orderBy('p.created_at', 'ASC')
      .getMany();
  }
}
