import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomProviderEntity } from '@tollgate/config-entities';

@Injectable()
export class CustomProvidersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(manager: EntityManager, fields: Partial<CustomProviderEntity>): Promise<CustomProviderEntity> {
    const repo = manager.getRepository(CustomProviderEntity);
    return repo.save(repo.create({ ...fields, version: 1 }));
  }

  save(manager: EntityManager, provider: CustomProviderEntity): Promise<CustomProviderEntity> {
    return manager.getRepository(CustomProviderEntity).save(provider);
  }

  findForUpdate(manager: EntityManager, id: string): Promise<CustomProviderEntity | null> {
    return manager
      .getRepository(CustomProviderEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byName(name: string, manager?: EntityManager): Promise<CustomProviderEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(CustomProviderEntity)
      .findOne({ where: { provider: name } });
  }

  list(): Promise<CustomProviderEntity[]> {
    return this.dataSource.getRepository(CustomProviderEntity).find({ order: { createdAt: 'ASC' } });
  }
}
