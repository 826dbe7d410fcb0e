import { Injectable } from '@nestjs/common';
import { AdminException } from '../errors/admin.exception';
import { ProviderSettingsRepository } from '../provider-settings/provider-settings.repository';
import type { CreateKeyDto } from './key.dto';
import { hashKey } from './key-hash';
import { DuplicateKeyError, KeysRepository } from './keys.repository';

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly settings: ProviderSettingsRepository,
  ) {}

  async create(dto: CreateKeyDto) {
    const settingIds = dto.settingIds ?? (dto.settingId ? [dto.settingId] : []);
    const existing = await this.settings.existingIds(settingIds);
    const missing = settingIds.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new AdminException(
        'validation',
        'key validation failed',
        `provider settings not found: ${missing.join(', ')}`,
      );
    }
    try {
      return await this.keys.create({
        name: dto.name,
        key: dto.isKeyNotHashed ? dto.key : hashKey(dto.key),
        isKeyNotHashed: dto.isKeyNotHashed,
        tags: dto.tags,
        settingIds,
      });
    } catch (error) {
      // The message names no key: a gateway key never appears in an error.
      if (error instanceof DuplicateKeyError)
        throw new AdminException('conflict', 'duplicate key', 'this key already exists');
      throw error;
    }
  }
}
