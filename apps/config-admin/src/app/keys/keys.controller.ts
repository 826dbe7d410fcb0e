import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import { queryList } from '../request-shape/query-list';
import {
  CreateKeySchema,
  KeyListQuerySchema,
  KeySearchSchema,
  RotateKeySchema,
  toKeyResponse,
  UpdateKeySchema,
  type KeyResponse,
} from './key.dto';
import { KeysService } from './keys.service';

@Controller('api/key-management/keys')
export class KeysController {
  constructor(private readonly service: KeysService) {}

  @Put()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<KeyResponse> {
    return toKeyResponse(
      await this.service.create(parseBody(CreateKeySchema, body, 'key validation failed')),
    );
  }

  @Get()
  async list(
    @Query('tag') tag?: string,
    @Query('tags') tags?: string | string[],
    @Query('keyIds') keyIds?: string | string[],
    @Query('provider') provider?: string,
  ): Promise<KeyResponse[]> {
    const query = parseBody(
      KeyListQuerySchema,
      { tag, tags: queryList(tags), keyIds: queryList(keyIds), provider },
      'filters are not found',
    );
    return (await this.service.list(query)).map(toKeyResponse);
  }

  @Patch(':keyId')
  async update(@Param('keyId', UuidParamPipe) keyId: string, @Body() body: unknown): Promise<KeyResponse> {
    return toKeyResponse(
      await this.service.update(keyId, parseBody(UpdateKeySchema, body, 'key validation failed')),
    );
  }

  @Post(':keyId/rotate')
  @HttpCode(200)
  async rotate(@Param('keyId', UuidParamPipe) keyId: string, @Body() body: unknown): Promise<KeyResponse> {
    return toKeyResponse(
      await this.service.rotate(keyId, parseBody(RotateKeySchema, body, 'key rotation failed')),
    );
  }

  @Delete(':keyId')
  @HttpCode(200)
  async remove(@Param('keyId', UuidParamPipe) keyId: string): Promise<void> {
    await this.service.remove(keyId);
  }
}

@Controller('api/v2/key-management/keys')
export class KeysV2Controller {
  constructor(private readonly service: KeysService) {}

  @Post()
  @HttpCode(200)
  async search(@Body() body: unknown): Promise<{ keys: KeyResponse[]; count?: number }> {
    const result = await this.service.listV2(parseBody(KeySearchSchema, body, 'key search invalid'));
    return {
      keys: result.keys.map(toKeyResponse),
      ...(result.count === undefined ? {} : { count: result.count }),
    };
  }
}
