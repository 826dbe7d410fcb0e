import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderSettingEntity } from '@tollgate/platform-database';
import { ProviderSettingsController } from './provider-settings.controller';
import { ProviderSettingsRepository } from './provider-settings.repository';
import { ProviderSettingsService } from './provider-settings.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderSettingEntity])],
  controllers: [ProviderSettingsController],
  providers: [ProviderSettingsService, ProviderSettingsRepository],
  exports: [ProviderSettingsRepository],
})
export class ProviderSettingsModule {}
