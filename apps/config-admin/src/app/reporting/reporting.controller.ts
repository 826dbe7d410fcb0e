import { Controller, Get, Param } from '@nestjs/common';
import { UuidParamPipe } from '../uuid-param.pipe';
import { KeySpendService, type KeySpendReport } from './key-spend.service';

@Controller('api/reporting')
export class ReportingController {
  constructor(private readonly keySpend: KeySpendService) {}

  @Get('keys/:keyId')
  keyReport(@Param('keyId', UuidParamPipe) keyId: string): Promise<KeySpendReport> {
    return this.keySpend.report(keyId);
  }
}
