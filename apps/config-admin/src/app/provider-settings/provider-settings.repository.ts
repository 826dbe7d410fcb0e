import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ProviderSettingEntity } from '@tollgate/platform-database';

@Injectable()
export class ProviderSettingsRepository {
  constructor(
    @InjectRepository(ProviderSettingEntity) private readonly repo: Repository<ProviderSettingEntity>,
  ) {}

  create(fields: Pick<ProviderSettingEntity, 'name' | 'provider' | 'setting' | 'secrets' | 'allowedModels'>) {
    return this.repo.save(this.repo.create({ ...fields, costMap: null }));
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.repo.find({ select: { id: true }, where: { id: In([...ids]) } });
    return new Set(rows.map((r) => r.id));
  }
}
