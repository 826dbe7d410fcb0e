import { Injectable } from '@nestjs/common';
import { SECRET_SETTING_KEYS, type CreateProviderSettingDto } from './provider-setting.dto';
import { ProviderSettingsRepository } from './provider-settings.repository';

@Injectable()
export class ProviderSettingsService {
  constructor(private readonly repository: ProviderSettingsRepository) {}

  create(dto: CreateProviderSettingDto) {
    const setting: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(dto.setting)) {
      if (value === undefined) continue;
      if ((SECRET_SETTING_KEYS as readonly string[]).includes(name)) secrets[name] = value;
      else setting[name] = value;
    }
    return this.repository.create({
      name: dto.name,
      provider: dto.provider,
      setting,
      secrets,
      allowedModels: dto.allowedModels,
    });
  }
}
