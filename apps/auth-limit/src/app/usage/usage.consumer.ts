import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  ConsumerGroups,
  RequestCompletedV1Schema,
  Topics,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { EnvelopeBatchConsumer, KAFKA } from '@tollgate/platform-kafka';
import { ConsumerMetrics } from '@tollgate/platform-metrics';
import { SpendSettler } from '../limits/spend-settler';

@Injectable()
export class UsageConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UsageConsumer.name);
  private readonly consumer: EnvelopeBatchConsumer<typeof RequestCompletedV1Schema>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    settler: SpendSettler,
    deadLetters: DeadLetterCounter,
    metrics: ConsumerMetrics,
  ) {
    this.consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId: ConsumerGroups.authLimitSettlement,
      topic: Topics.requestCompleted.name,
      schema: RequestCompletedV1Schema,
      // Settled within a fifth of a second, in batches: reservations hold the spend meanwhile.
      minBytes: 64 * 1024,
      maxWaitTimeInMs: 200,
      // Invalid events are dead-lettered and counted (GET /api/dead-letters). A dead letter the analytics
      // ingester set aside and an operator replays is marked for the ingester: skipped here, so its spend is
      // never settled twice (the settled-once marker lasts 7 days, a replay may come later).
      deadLetters,
      observer: metrics,
      handleBatch: async (events) => {
        const fresh = await settler.settle(events as RequestCompletedV1[]);
        this.logger.debug(`settled ${fresh} new of ${events.length} usage event(s)`);
      },
    });
  }

  onModuleInit(): Promise<void> {
    return this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}
