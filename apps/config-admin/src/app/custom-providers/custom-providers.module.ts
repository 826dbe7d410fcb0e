import { Module } from '@nestjs/common';
import { CustomProvidersController } from './custom-providers.controller';
import { CustomProvidersRepository } from './custom-providers.repository';
import { CustomProvidersService } from './custom-providers.service';
import { UpstreamModule } from '../upstream/upstream.module';

@Module({
  imports: [UpstreamModule],
  controllers: [CustomProvidersController],
  providers: [CustomProvidersService, CustomProvidersRepository],
  exports: [CustomProvidersRepository],
})
export class CustomProvidersModule {}
