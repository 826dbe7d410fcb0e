import { Module } from '@nestjs/common';
import { KeySpendService } from './key-spend.service';
import { ReportingController } from './reporting.controller';

@Module({ controllers: [ReportingController], providers: [KeySpendService] })
export class ReportingModule {}
