import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsModule } from '@tollgate/platform-metrics';
import { HealthModule } from '@tollgate/platform-observability';
import type { PiiRedactionConfig } from './config';
import { ScanModule } from './scan/scan.module';
import type { WorkerScript } from './scan/scan-worker-pool';

// POST /v1/scan (installed on node:http by installScanEntrance) and health; detection runs in worker threads
// started from `workerScript`.
@Module({})
export class AppModule {
  static forRoot(config: PiiRedactionConfig, workerScript: WorkerScript): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        MetricsModule.forRoot({ service: 'pii-redaction' }),
        ScanModule.forRoot(config, workerScript),
      ],
    };
  }
}
