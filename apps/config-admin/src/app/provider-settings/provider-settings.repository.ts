import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ProviderSettingEntity } from '@tollgate/config-entities';

@Injectable()
export class ProviderSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(
    manager: EntityManager,
    fields: Pick<
      ProviderSettingEntity,
      'name' | 'provider' | 'setting' | 'secretsCiphertext' | 'allowedModels' | 'costMap'
    >,
  ): Promise<ProviderSettingEntity> {
    const repo = manager.getRepository(ProviderSettingEntity);
    return repo.save(repo.create({ ...fields, version: 1 }));
  }

  async save(manager: EntityManager, setting: ProviderSettingEntity): Promise<ProviderSettingEntity> {
    return manager.getRepository(ProviderSettingEntity).save(setting);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<ProviderSettingEntity | null> {
    return manager
      .getRepository(ProviderSettingEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(ids?: readonly string[]): Promise<ProviderSettingEntity[]> {
    const repo = this.dataSource.getRepository(ProviderSettingEntity);
    return ids
      ? repo.find({ where: { id: In([...ids]) }, order: { createdAt: 'ASC' } })
      : repo.find({ order: { createdAt: 'ASC' } });
  }

  async existingIds(ids: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const repo = (manager ?? this.dataSource.manager).getRepository(ProviderSettingEntity);
    const rows = await repo.find({ select: { id: true }, where: { id: In([...ids]) } });
    return new Set(rows.map((r) => r.id));
  }
}
