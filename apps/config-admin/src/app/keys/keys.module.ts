import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeyEntity } from '@tollgate/platform-database';
import { ProviderSettingsModule } from '../provider-settings/provider-settings.module';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([KeyEntity]), ProviderSettingsModule],
  controllers: [KeysController],
  providers: [KeysService, KeysRepository],
})
export class KeysModule {}
