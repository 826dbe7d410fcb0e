import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  ConsumerGroups,
  RequestCompletedV1Schema,
  Topics,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { EnvelopeBatchConsumer, inEventSpans, KAFKA } from '@tollgate/platform-kafka';
import { ConsumerMetrics } from '@tollgate/platform-metrics';
import { RequestEventsSink } from './request-events.sink';

@Injectable()
export class UsageConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly consumer: EnvelopeBatchConsumer<typeof RequestCompletedV1Schema>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    sink: RequestEventsSink,
    deadLetters: DeadLetterCounter,
    metrics: ConsumerMetrics,
  ) {
    this.consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId: ConsumerGroups.analyticsIngester,
      topic: Topics.requestCompleted.name,
      schema: RequestCompletedV1Schema,
      // One insert per second or per megabyte of events, whichever comes first: ClickHouse makes a part per insert,
      // so trickling events in one by one costs it more than the proxy spends on the requests.
      minBytes: 1024 * 1024,
      maxWaitTimeInMs: 1000,
      deadLetters,
      observer: metrics,
      // Rows ClickHouse refuses go to the dead-letter topic; ClickHouse down throws, and the batch is retried.
      // Each event's row is a span of the request that caused it, all covering the one insert.
      handleBatch: (events) =>
        inEventSpans(
          'ingest usage event',
          { topic: Topics.requestCompleted.name, groupId: ConsumerGroups.analyticsIngester },
          events as RequestCompletedV1[],
          () => sink.ingest(events as RequestCompletedV1[]),
          (outcome) => new Map(outcome.refused.map(({ event, reason }) => [event.eventId, reason])),
        ),
    });
  }

  onModuleInit(): Promise<void> {
    return this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}
