import { Module } from '@nestjs/common';
import { UpstreamUrlGuard } from './upstream-url.guard';

@Module({ providers: [UpstreamUrlGuard], exports: [UpstreamUrlGuard] })
export class UpstreamModule {}
