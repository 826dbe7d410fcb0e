import { Module } from '@nestjs/common';
import { CustomProvidersModule } from '../custom-providers/custom-providers.module';
import { ProviderSettingsController } from './provider-settings.controller';
import { ProviderSettingsRepository } from './provider-settings.repository';
import { ProviderSettingsService } from './provider-settings.service';
import { UpstreamModule } from '../upstream/upstream.module';

@Module({
  imports: [CustomProvidersModule, UpstreamModule],
  controllers: [ProviderSettingsController],
  providers: [ProviderSettingsService, ProviderSettingsRepository],
  exports: [ProviderSettingsRepository],
})
export class ProviderSettingsModule {}
