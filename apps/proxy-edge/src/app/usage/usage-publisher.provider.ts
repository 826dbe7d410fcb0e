import { join } from 'node:path';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import {
  DeadLetterCounter,
  EVENT_PUBLISHER,
  FileSpool,
  SpoolingPublisher,
  type EventPublisher,
} from '@tollgate/platform-bus';
import { MetricsRegistry } from '@tollgate/platform-metrics';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';

// The publisher usage events go through: Kafka, with an on-disk spool for when Kafka is unreachable. Each
// instance spools in a directory of its own (by port), so instances on one host never share a spool.
// Records it sets aside are counted with the process's other dead letters (tollgate_dead_letters_total).
@Injectable()
export class UsagePublisher extends SpoolingPublisher implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @Inject(EVENT_PUBLISHER) bus: EventPublisher,
    @Inject(PROXY_EDGE_CONFIG) config: ProxyEdgeConfig,
    deadLetters: DeadLetterCounter,
    @Inject(MetricsRegistry) registry: MetricsRegistry,
  ) {
    super(
      bus,
      new FileSpool(
        join(config.USAGE_SPOOL_DIR, `proxy-edge-${config.PROXY_EDGE_PORT}`),
        config.USAGE_SPOOL_MAX_BYTES,
      ),
      {
        sendTimeoutMs: 2_000,
        drainIntervalMs: 1_000,
        deadLetters,
      },
    );
    const spoolBytes = () => this.spoolBytes();
    new Gauge({
      name: 'tollgate_usage_spool_bytes',
      help: 'Bytes of usage events waiting in the on-disk spool for Kafka (0 while Kafka takes them).',
      registers: [registry],
      async collect() {
        this.set(await spoolBytes());
      },
    });
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}
