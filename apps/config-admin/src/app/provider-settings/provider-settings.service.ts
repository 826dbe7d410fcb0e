import { Inject, Injectable } from '@nestjs/common';
import { toProviderSettingSnapshot } from '@tollgate/config-entities';
import type { SecretBox } from '@tollgate/platform-config';
import { AdminException } from '../errors/admin.exception';
import { ConfigTransaction } from '../outbox/config-transaction';
import { recordConfigChange } from '../outbox/config-outbox';
import { SECRET_BOX } from '../secrets.provider';
import { CustomProvidersRepository } from '../custom-providers/custom-providers.repository';
import {
  isBuiltIn,
  settingProblems,
  splitSecrets,
  type CreateProviderSettingDto,
  type UpdateProviderSettingDto,
} from './provider-setting.dto';
import { ProviderSettingsRepository } from './provider-settings.repository';

@Injectable()
export class ProviderSettingsService {
  constructor(
    private readonly repository: ProviderSettingsRepository,
    private readonly customProviders: CustomProvidersRepository,
    private readonly tx: ConfigTransaction,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
  ) {}

  create(dto: CreateProviderSettingDto) {
    return this.tx.run(async (manager) => {
      const authParam = await this.checkSetting(dto.provider, dto.setting);
      const { setting, secrets } = splitSecrets(dto.setting, authParam ? [authParam] : []);
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

  // Validates the parameters for the provider; returns a custom provider's authentication parameter.
  private async checkSetting(provider: string, setting: Record<string, string>): Promise<string | null> {
    const custom = isBuiltIn(provider) ? null : await this.customProviders.byName(provider);
    const problems = settingProblems(provider, setting, custom ? custom.authenticationParam : null);
    if (problems.length > 0) {
      const fields = problems.map((p) => p.split(':')[0]);
      throw new AdminException(
        'validation',
        'provider setting validation failed',
        `fields [${fields.join(', ')}] are invalid (${problems.join('; ')})`,
      );
    }
    return custom?.authenticationParam || null;
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
        const held = current.secretsCiphertext ? this.secretBox.open(current.secretsCiphertext) : {};
        const authParam = await this.checkSetting(current.provider, {
          ...current.setting,
          ...held,
          ...dto.setting,
        });
        const { setting, secrets } = splitSecrets(dto.setting, authParam ? [authParam] : []);
        current.setting = { ...current.setting, ...setting };
        if (Object.keys(secrets).length > 0) {
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
