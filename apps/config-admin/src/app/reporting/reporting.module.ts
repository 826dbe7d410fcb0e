import { Module } from '@nestjs/common';
import { EventReportingService } from './event-reporting.service';
import { KeySpendService } from './key-spend.service';
import { EventsController, ReportingController } from './reporting.controller';
import { ReportingClickHouse } from './reporting-clickhouse';

@Module({
  controllers: [ReportingController, EventsController],
  providers: [KeySpendService, EventReportingService, ReportingClickHouse],
})
export class ReportingModule {}
