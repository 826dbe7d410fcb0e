import { Module } from '@nestjs/common';
import { ProviderSettingsController } from './provider-settings.controller';
import { ProviderSettingsRepository } from './provider-settings.repository';
import { ProviderSettingsService } from './provider-settings.service';

@Module({
  controllers: [ProviderSettingsController],
  providers: [ProviderSettingsService, ProviderSettingsRepository],
  exports: [ProviderSettingsRepository],
})
export class ProviderSettingsModule {}
