import { Module } from '@nestjs/common';
import { ProviderSettingsModule } from '../provider-settings/provider-settings.module';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [ProviderSettingsModule],
  controllers: [KeysController],
  providers: [KeysService, KeysRepository],
})
export class KeysModule {}
