import { Inject, Injectable } from '@nestjs/common';
import { toProviderSettingSnapshot } from '@tollgate/platform-database';
import type { SecretBox } from '@tollgate/platform-config';
import { AdminException } from '../errors/admin.exception';
import { ConfigTransaction } from '../outbox/config-transaction';
import { recordConfigChange } from '../outbox/config-outbox';
import { SECRET_BOX } from '../secrets.provider';
import {
  splitSecrets,
  type CreateProviderSettingDto,
  type UpdateProviderSettingDto,
} from './provider-setting.dto';
import { ProviderSettingsRepository } from './provider-settings.repository';

@Injectable()
export class ProviderSettingsService {
  constructor(
    private readonly repository: ProviderSettingsRepository,
    private readonly tx: ConfigTransaction,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
  ) {}

  create(dto: CreateProviderSettingDto) {
    const { setting, secrets } = splitSecrets(dto.setting);
    return this.tx.run(async (manager) => {
      const created = await this.repository.create(manager, {
        name: dto.name,
        provider: dto.provider,
        setting,
        secretsCiphertext: this.secretBox.seal(secrets),
        allowedModels: dto.allowedModels,
        costMap: dto.costMap,
      });
      await recordConfigChange(manager, {
        entity: 'provider_setting',
        id: created.id,
        version: created.version,
        snapshot: toProviderSettingSnapshot(created),
      });
      return created;
    });
  }

  list(ids?: readonly string[]) {
    return this.repository.list(ids);
  }

  // `setting` is merged into the stored one (as BricksLLM does); the other fields are replaced when given.
  update(id: string, dto: UpdateProviderSettingDto) {
    return this.tx.run(async (manager) => {
      const current = await this.repository.findForUpdate(manager, id);
      if (!current)
        throw new AdminException('not-found', 'provider setting not found', `no provider setting ${id}`);
      if (dto.setting) {
        const { setting, secrets } = splitSecrets(dto.setting);
        current.setting = { ...current.setting, ...setting };
        if (Object.keys(secrets).length > 0) {
          const held = current.secretsCiphertext ? this.secretBox.open(current.secretsCiphertext) : {};
          current.secretsCiphertext = this.secretBox.seal({ ...held, ...secrets });
        }
      }
      if (dto.name !== undefined) current.name = dto.name;
      if (dto.allowedModels !== undefined) current.allowedModels = dto.allowedModels;
      if (dto.costMap !== undefined) current.costMap = dto.costMap;
      current.version += 1;
      const saved = await this.repository.save(manager, current);
      await recordConfigChange(manager, {
        entity: 'provider_setting',
        id: saved.id,
        version: saved.version,
        snapshot: toProviderSettingSnapshot(saved),
      });
      return saved;
    });
  }
}
