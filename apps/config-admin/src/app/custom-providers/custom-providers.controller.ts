import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import {
  CreateCustomProviderSchema,
  ReplaceCustomProviderSchema,
  toCustomProviderResponse,
  UpdateCustomProviderSchema,
} from './custom-provider.dto';
import { CustomProvidersService } from './custom-providers.service';

@Controller('api/custom/providers')
export class CustomProvidersController {
  constructor(private readonly service: CustomProvidersService) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown) {
    const dto = parseBody(CreateCustomProviderSchema, body, 'custom provider validation failed');
    return toCustomProviderResponse(await this.service.create(dto));
  }

  @Get()
  async list() {
    return (await this.service.list()).map(toCustomProviderResponse);
  }

  @Patch(':id')
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: unknown) {
    const dto = parseBody(UpdateCustomProviderSchema, body, 'custom provider validation failed');
    return toCustomProviderResponse(await this.service.update(id, dto));
  }

  @Put(':id')
  async replace(@Param('id', UuidParamPipe) id: string, @Body() body: unknown) {
    const dto = parseBody(ReplaceCustomProviderSchema, body, 'custom provider validation failed');
    return toCustomProviderResponse(await this.service.update(id, dto));
  }
}
