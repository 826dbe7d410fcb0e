import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { parseBody } from '../validation';
import {
  CreateProviderSettingSchema,
  toProviderSettingResponse,
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
}
