import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toProviderSettingSnapshot, type ProviderSettingEntity } from '@tollgate/config-entities';
import type { SecretBox } from '@tollgate/platform-config';
import { AdminException } from '../errors/admin.exception';
import { ConfigTransaction } from '../outbox/config-transaction';
import { recordConfigChange } from '../outbox/config-outbox';
import { SECRET_BOX } from '../secrets.provider';
import { CustomProvidersRepository } from '../custom-providers/custom-providers.repository';
import { UpstreamUrlGuard } from '../upstream/upstream-url.guard';
import { invalidFields } from '../validation';
import {
  isBuiltIn,
  reaimProblems,
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
    private readonly upstream: UpstreamUrlGuard,
    private readonly tx: ConfigTransaction,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
  ) {}

  create(dto: CreateProviderSettingDto) {
    return this.tx.run(async (manager) => {
      const authParam = await this.checkSetting(dto.provider, dto.setting, dto.setting);
      const { setting, secrets } = splitSecrets(dto.setting, authParam ? [authParam] : []);
      const created = await this.repository.create(manager, {
        name: dto.name,
        provider: dto.provider,
        setting,
        secretsCiphertext: this.secretBox.seal(secrets),
        allowedModels: dto.allowedModels,
        costMap: dto.costMap,
      });
      await this.publish(manager, created);
      return created;
    });
  }

  // Validates the whole setting for its provider, and the url this request gives (`given`); returns a
  // custom provider's authentication parameter.
  private async checkSetting(
    provider: string,
    setting: Record<string, string>,
    given: Record<string, string>,
    extraProblems: string[] = [],
  ): Promise<string | null> {
    const custom = isBuiltIn(provider) ? null : await this.customProviders.byName(provider);
    const problems = [
      ...settingProblems(provider, setting, custom ? custom.authenticationParam : null),
      ...extraProblems,
    ];
    const urlProblem = given['url'] ? await this.upstream.problem('setting.url', given['url']) : null;
    if (urlProblem) problems.push(urlProblem);
    if (problems.length > 0) throw invalidFields('provider setting validation failed', problems);
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
      if (dto.setting) await this.mergeSetting(current, dto.setting);
      if (dto.name !== undefined) current.name = dto.name;
      if (dto.allowedModels !== undefined) current.allowedModels = dto.allowedModels;
      if (dto.costMap !== undefined) current.costMap = dto.costMap;
      current.version += 1;
      const saved = await this.repository.save(manager, current);
      await this.publish(manager, saved);
      return saved;
    });
  }

  private async mergeSetting(current: ProviderSettingEntity, given: Record<string, string>): Promise<void> {
    const held = current.secretsCiphertext ? this.secretBox.open(current.secretsCiphertext) : {};
    const reaimed = reaimProblems(current.setting, Object.keys(held), given);
    const merged = { ...current.setting, ...held, ...given };
    const authParam = await this.checkSetting(current.provider, merged, given, reaimed);
    const { setting, secrets } = splitSecrets(given, authParam ? [authParam] : []);
    current.setting = { ...current.setting, ...setting };
    if (Object.keys(secrets).length > 0) {
      current.secretsCiphertext = this.secretBox.seal({ ...held, ...secrets });
    }
  }

  private publish(manager: EntityManager, setting: ProviderSettingEntity) {
    return recordConfigChange(manager, {
      entity: 'provider_setting',
      id: setting.id,
      version: setting.version,
      snapshot: toProviderSettingSnapshot(setting),
    });
  }
}
