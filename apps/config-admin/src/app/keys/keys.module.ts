import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ProviderSettingsModule } from '../provider-settings/provider-settings.module';
import { KeysController, KeysV2Controller } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [ProviderSettingsModule, PoliciesModule],
  controllers: [KeysController, KeysV2Controller],
  providers: [KeysService, KeysRepository],
  exports: [KeysService],
})
export class KeysModule {}
