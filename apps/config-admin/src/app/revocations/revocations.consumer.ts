import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { RevocationRequestedV1Schema, type RevocationRequestedV1 } from '@tollgate/contracts';
import { EnvelopeBatchConsumer, KAFKA } from '@tollgate/platform-kafka';
import { RevocationsService } from './revocations.service';

// Where revocation requests are read from: the contracts' topic and group in the app; a topic and group of
// their own in integration tests, which share the broker with running services.
export interface RevocationsSource {
  topic: string;
  groupId: string;
}
export const REVOCATIONS_SOURCE = Symbol('REVOCATIONS_SOURCE');

// auth-limit's revocation requests: parsed with the contract schema (invalid ones go to the dead-letter
// topic), applied, then committed; a batch that fails is redelivered and applied once (RevocationsService).
@Injectable()
export class RevocationsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RevocationsConsumer.name);
  private readonly consumer: EnvelopeBatchConsumer<typeof RevocationRequestedV1Schema>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(REVOCATIONS_SOURCE) source: RevocationsSource,
    service: RevocationsService,
  ) {
    this.consumer = new EnvelopeBatchConsumer({
      kafka,
      groupId: source.groupId,
      topic: source.topic,
      schema: RevocationRequestedV1Schema,
      handleBatch: async (events) => {
        const revoked = await service.apply(events as RevocationRequestedV1[]);
        this.logger.debug(`${revoked} of ${events.length} revocation request(s) revoked something`);
      },
    });
  }

  // After every module's init: KafkaModule has created the topics by then.
  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}
