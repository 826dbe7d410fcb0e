import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { UuidParamPipe } from '../uuid-param.pipe';
import { queryList } from '../request-shape/query-list';
import { parseBody } from '../validation';
import {
  CreateProviderSettingSchema,
  toProviderSettingResponse,
  UpdateProviderSettingSchema,
  type ProviderSettingResponse,
} from './provider-setting.dto';
import { ProviderSettingsService } from './provider-settings.service';

@Controller('api/provider-settings')
export class ProviderSettingsController {
  constructor(private readonly service: ProviderSettingsService) {}

  @Put()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<ProviderSettingResponse> {
    const dto = parseBody(CreateProviderSettingSchema, body, 'provider setting validation failed');
    return toProviderSettingResponse(await this.service.create(dto));
  }

  // BricksLLM documents POST and serves PUT; both create.
  @Post()
  @HttpCode(200)
  createByPost(@Body() body: unknown): Promise<ProviderSettingResponse> {
    return this.create(body);
  }

  // All settings, or those in `ids` (comma-separated). Secrets are never returned (BricksLLM returns them here).
  @Get()
  async list(@Query('ids') ids?: string | string[]): Promise<ProviderSettingResponse[]> {
    const wanted = queryList(ids).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    return (await this.service.list(ids === undefined ? undefined : wanted)).map(toProviderSettingResponse);
  }

  @Patch(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: unknown,
  ): Promise<ProviderSettingResponse> {
    const dto = parseBody(UpdateProviderSettingSchema, body, 'provider setting validation failed');
    return toProviderSettingResponse(await this.service.update(id, dto));
  }
}
