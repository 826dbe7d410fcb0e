import { Module } from '@nestjs/common';
import { CustomProvidersController } from './custom-providers.controller';
import { CustomProvidersRepository } from './custom-providers.repository';
import { CustomProvidersService } from './custom-providers.service';

@Module({
  controllers: [CustomProvidersController],
  providers: [CustomProvidersService, CustomProvidersRepository],
  exports: [CustomProvidersRepository],
})
export class CustomProvidersModule {}
