import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { parseBody } from '../validation';
import { CreateKeySchema, toKeyResponse, type KeyResponse } from './key.dto';
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
}
