import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import {
  EventsByDaySchema,
  EventsQuerySchema,
  EventsReportSchema,
  EventsV2QuerySchema,
  EventsV2Schema,
  KeyIdQuerySchema,
  TopKeysSchema,
} from './event-reporting.dto';
import { EventReportingService } from './event-reporting.service';
import { KeySpendService, type KeySpendReport } from './key-spend.service';

const INVALID = 'invalid reporting request';

@Controller('api/reporting')
export class ReportingController {
  constructor(
    private readonly keySpend: KeySpendService,
    private readonly events: EventReportingService,
  ) {}

  @Get('keys/:keyId')
  keyReport(@Param('keyId', UuidParamPipe) keyId: string): Promise<KeySpendReport> {
    return this.keySpend.report(keyId);
  }

  @Post('events')
  @HttpCode(200)
  eventsReport(@Body() body: unknown) {
    return this.events.eventsReport(parseBody(EventsReportSchema, body, INVALID));
  }

  @Post('events-by-day')
  @HttpCode(200)
  eventsByDay(@Body() body: unknown) {
    return this.events.eventsByDay(parseBody(EventsByDaySchema, body, INVALID));
  }

  @Post('top-keys')
  @HttpCode(200)
  topKeys(@Body() body: unknown) {
    return this.events.topKeys(parseBody(TopKeysSchema, body, INVALID));
  }

  // BricksLLM documents users-ids and serves user-ids: both answer.
  @Get(['users-ids', 'user-ids'])
  userIds(@Query() query: unknown) {
    return this.events.distinct('user_id', parseBody(KeyIdQuerySchema, query, INVALID).keyId);
  }

  @Get('custom-ids')
  customIds(@Query() query: unknown) {
    return this.events.distinct('custom_id', parseBody(KeyIdQuerySchema, query, INVALID).keyId);
  }
}

@Controller('api')
export class EventsController {
  constructor(private readonly events: EventReportingService) {}

  @Get('events')
  list(@Query() query: unknown) {
    return this.events.events(parseBody(EventsQuerySchema, query, INVALID));
  }

  @Get('v2/events')
  searchByQuery(@Query() query: unknown) {
    return this.events.eventsV2(parseBody(EventsV2QuerySchema, query, INVALID));
  }

  @Post('v2/events')
  @HttpCode(200)
  search(@Body() body: unknown) {
    return this.events.eventsV2(parseBody(EventsV2Schema, body, INVALID));
  }
}
