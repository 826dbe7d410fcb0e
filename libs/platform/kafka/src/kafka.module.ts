import {
  Global,
  Inject,
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

@Global()
@Module({})
export class KafkaModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PUBLISHER) private readonly publisher: KafkaEventPublisher,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.admin = kafka.admin();
  }

  private readonly admin: Admin;

  static forRoot(options: KafkaOptions): DynamicModule {
    const kafka = createKafka(options);
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA, useValue: kafka },
        { provide: EVENT_PUBLISHER, useFactory: () => new KafkaEventPublisher(kafka) },
        // One per process: every consumer counts its dead letters here (GET /api/dead-letters).
        { provide: DeadLetterCounter, useValue: new DeadLetterCounter() },
      ],
      exports: [KAFKA, EVENT_PUBLISHER, DeadLetterCounter],
    };
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, ALL_TOPICS);
    await this.publisher.connect();
    const admin = this.admin;
    let adminConnected: Promise<void> | undefined;
    this.readiness.register('kafka', async () => {
      adminConnected ??= admin.connect();
      await adminConnected;
      await admin.describeCluster();
    });
  }

  // After every other module's destroy hook: consumers have stopped, so flushing now loses nothing.
  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
    await this.admin.disconnect();
  }
}
