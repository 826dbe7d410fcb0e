import { Module } from '@nestjs/common';
import { CustomProvidersModule } from '../custom-providers/custom-providers.module';
import { ProviderSettingsController } from './provider-settings.controller';
import { ProviderSettingsRepository } from './provider-settings.repository';
import { ProviderSettingsService } from './provider-settings.service';

@Module({
  imports: [CustomProvidersModule],
  controllers: [ProviderSettingsController],
  providers: [ProviderSettingsService, ProviderSettingsRepository],
  exports: [ProviderSettingsRepository],
})
export class ProviderSettingsModule {}
