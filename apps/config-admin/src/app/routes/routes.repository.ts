import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { KeyEntity, ProviderSettingEntity, RouteEntity } from '@tollgate/config-entities';

@Injectable()
export class RoutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, fields: Partial<RouteEntity>): Promise<RouteEntity> {
    const repo = manager.getRepository(RouteEntity);
    return repo.save(repo.create({ ...fields, version: 1 }));
  }

  save(manager: EntityManager, route: RouteEntity): Promise<RouteEntity> {
    return manager.getRepository(RouteEntity).save(route);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<RouteEntity | null> {
    return manager.getRepository(RouteEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RouteEntity).delete({ id });
  }

  byId(id: string): Promise<RouteEntity | null> {
    return this.dataSource.getRepository(RouteEntity).findOne({ where: { id } });
  }

  list(): Promise<RouteEntity[]> {
    return this.dataSource.getRepository(RouteEntity).find({ order: { createdAt: 'ASC' } });
  }

  // For each key: the providers its settings cover.
  async providersOfKeys(
    manager: EntityManager,
    keyIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const keys = keyIds.length
      ? await manager.getRepository(KeyEntity).find({ where: { keyId: In([...keyIds]) } })
      : [];
    const settingIds = [...new Set(keys.flatMap((k) => k.settingIds))];
    const settings = settingIds.length
      ? await manager.getRepository(ProviderSettingEntity).find({ where: { id: In(settingIds) } })
      : [];
    const providerOf = new Map(settings.map((s) => [s.id, s.provider]));
    return new Map(keys.map((k) => [k.keyId, new Set(k.settingIds.map((id) => providerOf.get(id) ?? ''))]));
  }
}
