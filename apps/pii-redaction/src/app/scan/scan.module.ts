import { Inject, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import type { PiiRedactionConfig } from '../config';
import { SCAN_LIMITS } from './scan-limits';
import { ScanHttpHandler } from './scan-http.handler';
import { ScanWorkerPool, type WorkerScript } from './scan-worker-pool';
import { ScanService } from './scan.service';

// About 20 ms of detection (0.7 ms per KB): calls up to this size keep a worker of their own.
export const SMALL_CALL_BYTES = 32 * 1024;

@Module({})
export class ScanModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(ScanWorkerPool) private readonly pool: ScanWorkerPool,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(config: PiiRedactionConfig, script: WorkerScript): DynamicModule {
    const pool = {
      provide: ScanWorkerPool,
      useFactory: () =>
        new ScanWorkerPool({
          size: config.PII_SCAN_WORKERS,
          script,
          policyCacheSize: config.PII_POLICY_CACHE_SIZE,
          smallCallBytes: SMALL_CALL_BYTES,
          // Room for 16 calls of the largest size.
          maxQueuedBytes: 16 * config.PII_SCAN_MAX_BYTES,
        }),
    };
    const limits = {
      provide: SCAN_LIMITS,
      useValue: { maxTexts: config.PII_SCAN_MAX_TEXTS, maxBytes: config.PII_SCAN_MAX_BYTES },
    };
    return {
      module: ScanModule,
      providers: [pool, limits, ScanService, ScanHttpHandler],
      exports: [ScanHttpHandler],
    };
  }

  onModuleInit(): void {
    // Ready once a worker has loaded the detectors (the lexicon takes about half a second).
    this.readiness.register('scan-workers', async () => {
      if (this.pool.readyWorkers === 0) throw new Error('no detection worker is ready yet');
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
