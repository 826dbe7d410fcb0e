import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import { queryList } from '../request-shape/query-list';
import { CreateUserSchema, toUserResponse, UpdateUserSchema, UserQuerySchema } from './user.dto';
import { UsersService } from './users.service';

const SelectorSchema = z.object({ userId: z.string().min(1), tags: z.array(z.string().min(1)) });

@Controller('api/users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown) {
    return toUserResponse(
      await this.service.create(parseBody(CreateUserSchema, body, 'user validation failed')),
    );
  }

  @Patch(':id')
  async updateById(@Param('id', UuidParamPipe) id: string, @Body() body: unknown) {
    return toUserResponse(
      await this.service.updateById(id, parseBody(UpdateUserSchema, body, 'user validation failed')),
    );
  }

  @Patch()
  async updateByUserId(
    @Query('userId') userId: string | undefined,
    @Query('tags') tags: string | string[] | undefined,
    @Body() body: unknown,
  ) {
    const selector = parseBody(SelectorSchema, { userId, tags: queryList(tags) }, 'user selector invalid');
    const dto = parseBody(UpdateUserSchema, body, 'user validation failed');
    return toUserResponse(await this.service.updateByUserId(selector.userId, selector.tags, dto));
  }

  @Get()
  async list(
    @Query('tags') tags?: string | string[],
    @Query('keyIds') keyIds?: string | string[],
    @Query('userIds') userIds?: string | string[],
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ) {
    const query = parseBody(
      UserQuerySchema,
      { tags: queryList(tags), keyIds: queryList(keyIds), userIds: queryList(userIds), offset, limit },
      'filters are not found',
    );
    return (await this.service.list(query)).map(toUserResponse);
  }
}
