import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { parseBody } from '../validation';
import { UuidParamPipe } from '../uuid-param.pipe';
import { CreateRouteSchema, toRouteResponse, UpdateRouteSchema } from './route.dto';
import { RoutesService } from './routes.service';

@Controller('api/routes')
export class RoutesController {
  constructor(private readonly service: RoutesService) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown) {
    return toRouteResponse(
      await this.service.create(parseBody(CreateRouteSchema, body, 'route validation failed')),
    );
  }

  @Get()
  async list() {
    return (await this.service.list()).map(toRouteResponse);
  }

  @Get(':id')
  async get(@Param('id', UuidParamPipe) id: string) {
    return toRouteResponse(await this.service.get(id));
  }

  @Patch(':id')
  async update(@Param('id', UuidParamPipe) id: string, @Body() body: unknown) {
    return toRouteResponse(
      await this.service.update(id, parseBody(UpdateRouteSchema, body, 'route validation failed')),
    );
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.service.remove(id);
  }
}
