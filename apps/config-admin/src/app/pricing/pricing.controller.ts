import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { parseBody } from '../validation';
import { PriceQuerySchema, PutPriceSchema, toPriceHistoryResponse, toPriceResponse } from './pricing.dto';
import { PricingService } from './pricing.service';

// Catalog keys may hold slashes (azure/gpt-4o, deepinfra/meta-llama/...), so the model is the rest of the path.
const keyOf = (segments: string | string[]): string =>
  Array.isArray(segments) ? segments.join('/') : segments;

@Controller('api/pricing')
export class PricingController {
  constructor(private readonly service: PricingService) {}

  @Get()
  async list(@Query() query: unknown) {
    const filter = parseBody(PriceQuerySchema, query, 'pricing query validation failed');
    return (await this.service.list(filter)).map(toPriceResponse);
  }

  @Get('history/*model')
  async history(@Param('model') model: string | string[]) {
    return (await this.service.history(keyOf(model))).map(toPriceHistoryResponse);
  }

  @Put('*model')
  async put(@Param('model') model: string | string[], @Body() body: unknown) {
    const dto = parseBody(PutPriceSchema, body, 'price validation failed');
    return toPriceResponse(await this.service.put(keyOf(model), dto));
  }
}
