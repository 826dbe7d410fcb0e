import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessRegistry } from './readiness.registry';

@Controller('api/health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  // Liveness: the process serves HTTP.
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  // BricksLLM answers POST too; load balancers configured for it keep working.
  @Post()
  @HttpCode(200)
  livePost(): { status: 'ok' } {
    return this.live();
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  }
}
