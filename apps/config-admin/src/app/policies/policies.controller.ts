import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import { queryList } from '../request-shape/query-list';
import { CreatePolicySchema, toPolicyResponse, UpdatePolicySchema } from './policy.dto';
import { PoliciesService } from './policies.service';

const TagsQuerySchema = z.object({ tags: z.array(z.string().min(1)).min(1, 'give at least one tag') });

@Controller('api/policies')
export class PoliciesController {
  constructor(private readonly service: PoliciesService) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown) {
    return toPolicyResponse(
      await this.service.create(parseBody(CreatePolicySchema, body, 'policy validation failed')),
    );
  }

  @Patch(':id')
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: unknown) {
    return toPolicyResponse(
      await this.service.update(id, parseBody(UpdatePolicySchema, body, 'policy validation failed')),
    );
  }

  @Get()
  async byTags(@Query('tags') tags?: string | string[]) {
    const query = parseBody(TagsQuerySchema, { tags: queryList(tags) }, 'tags are required');
    return (await this.service.byTags(query.tags)).map(toPolicyResponse);
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.service.remove(id);
  }
}
