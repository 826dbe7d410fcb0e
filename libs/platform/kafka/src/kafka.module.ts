import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { ALL_TOPICS } from '@tollgate/contracts';
import { DeadLetterCounter, EVENT_PUBLISHER } from '@tollgate/platform-bus';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import { createKafka, type KafkaOptions } from './kafka.client';
import { KafkaEventPublisher } from './kafka-event.publisher';
import { ensureTopics } from './topic-provisioner';

export const KAFKA = Symbol('KAFKA');
const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

@Global()
@Module({})
export class KafkaModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PUBLISHER) private readonly publisher: KafkaEventPublisher,
    private readonly readiness: ReadinessRegistry,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {
    this.admin = kafka.admin();
  }

  private readonly admin: Admin;
  private provisioning: NodeJS.Timeout | undefined;

  static forRoot(options: KafkaOptions): DynamicModule {
    const kafka = createKafka(options);
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA, useValue: kafka },
        { provide: KAFKA_OPTIONS, useValue: options },
        { provide: EVENT_PUBLISHER, useFactory: () => new KafkaEventPublisher(kafka) },
        // One per process: every consumer counts its dead letters here (GET /api/dead-letters).
        { provide: DeadLetterCounter, useValue: new DeadLetterCounter() },
      ],
      exports: [KAFKA, EVENT_PUBLISHER, DeadLetterCounter],
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.options.startWithoutKafka) this.provisionInBackground(0);
    else await this.provision();
    const admin = this.admin;
    let adminConnected: Promise<void> | undefined;
    this.readiness.register(
      'kafka',
      async () => {
        // A failed connect is retried by the next check, not kept.
        adminConnected ??= admin.connect().catch((error: unknown) => {
          adminConnected = undefined;
          throw error;
        });
        await adminConnected;
        await admin.describeCluster();
        // A service that starts without Kafka also serves without it: reported, not required.
      },
      { required: !this.options.startWithoutKafka },
    );
  }

  private async provision(): Promise<void> {
    await ensureTopics(this.kafka, ALL_TOPICS);
    await this.publisher.connect();
  }

  private provisionInBackground(delayMs: number): void {
    this.provisioning = setTimeout(() => {
      this.provision().catch((error: unknown) => {
        const retryMs = Math.min(Math.max(delayMs * 2, 1_000), 30_000);
        new Logger(KafkaModule.name).warn(`Kafka unreachable, retrying in ${retryMs} ms: ${String(error)}`);
        this.provisionInBackground(retryMs);
      });
    }, delayMs);
  }

  // After every other module's destroy hook: consumers have stopped, so flushing now loses nothing.
  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.provisioning);
    await this.publisher.disconnect();
    await this.admin.disconnect();
  }
}
