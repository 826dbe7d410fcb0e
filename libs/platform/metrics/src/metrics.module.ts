import {
  Controller,
  Get,
  Global,
  Inject,
  Injectable,
  Module,
  Optional,
  Res,
  type DynamicModule,
  type OnModuleInit,
} from '@nestjs/common';
import type { Response } from 'express';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { registerDeadLetterMetrics } from './dead-letter.metrics';
import { writeMetrics } from './metrics.http';
import { MetricsRegistry } from './metrics.registry';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly registry: MetricsRegistry) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    await writeMetrics(this.registry, res);
  }
}

// The process's dead-letter counter, when it has one (services with Kafka), exported with the rest.
@Injectable()
class DeadLetterExport implements OnModuleInit {
  constructor(
    @Inject(MetricsRegistry) private readonly registry: MetricsRegistry,
    @Optional() private readonly counter?: DeadLetterCounter,
  ) {}

  onModuleInit(): void {
    if (this.counter) registerDeadLetterMetrics(this.registry, this.counter);
  }
}

export interface MetricsModuleOptions {
  service: string;
  // GET /metrics on the service's own HTTP server; false where the service serves it on a port of its own
  // (proxy-edge: its public port is the proxy's).
  controller?: boolean;
}

@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: options.controller === false ? [] : [MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(options.service) },
        DeadLetterExport,
      ],
      exports: [MetricsRegistry],
    };
  }
}
