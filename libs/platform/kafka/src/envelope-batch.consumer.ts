import { Logger } from '@nestjs/common';
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { z } from 'zod';
import { deadLetterTopicOf } from '@tollgate/contracts';

export interface EnvelopeBatchConsumerOptions<S extends z.ZodType> {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: S;
  // Throw to have the whole batch redelivered; offsets are committed only after this resolves.
  handleBatch: (events: z.infer<S>[]) => Promise<void>;
  fromBeginning?: boolean;
  // How long the broker may hold a fetch to gather at least `minBytes` (kafkajs defaults: 5 s and 1 byte).
  // Consumers that pay per batch (a ClickHouse insert) trade a little freshness for far fewer batches.
  minBytes?: number;
  maxWaitTimeInMs?: number;
}

// At-least-once batch consumption: parse each message with the contract schema, send invalid ones to the
// dead-letter topic, hand the valid ones to the handler, then commit. Handlers must be idempotent on eventId.
export class EnvelopeBatchConsumer<S extends z.ZodType> {
  private readonly logger: Logger;
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;

  constructor(private readonly options: EnvelopeBatchConsumerOptions<S>) {
    this.logger = new Logger(`consumer:${options.groupId}`);
    // Large fetches make large batches under a backlog (one ClickHouse insert for thousands of events); an
    // idle topic still hands over each event as soon as it arrives, unless minBytes asks the broker to wait.
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
      ...(options.minBytes === undefined ? {} : { minBytes: options.minBytes }),
      ...(options.maxWaitTimeInMs === undefined ? {} : { maxWaitTimeInMs: options.maxWaitTimeInMs }),
    });
    this.dlqProducer = options.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async start(): Promise<void> {
    const { topic, schema } = this.options;
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      // Partitions are independent (offsets are committed per partition): handle two at once.
      partitionsConsumedConcurrently: 2,
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        heartbeat,
        isRunning,
        isStale,
        resolveOffset,
        commitOffsetsIfNecessary,
      }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const valid: z.infer<S>[] = [];
        const invalid: KafkaMessage[] = [];
        for (const message of batch.messages) {
          const parsed = parseMessage(schema, message);
          if (parsed.success) valid.push(parsed.data);
          else invalid.push(message);
        }
        // The handler runs first: a batch it fails is redelivered whole, and its invalid messages are not
        // dead-lettered twice.
        if (valid.length > 0) await this.options.handleBatch(valid);
        if (invalid.length > 0) {
          this.logger.warn(`${invalid.length} invalid message(s) on ${topic} sent to the dead-letter topic`);
          await this.dlqProducer.send({
            topic: deadLetterTopicOf(topic),
            messages: invalid.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
          });
        }
        const last = batch.messages[batch.messages.length - 1];
        if (!last) return;
        // resolveOffset moves the in-memory fetch position; the commit makes it survive a restart. The batch's own
        // commit, not consumer.commitOffsets: that one does nothing once stop() has begun, so a graceful shutdown
        // during a batch would leave it uncommitted (and redelivered) although it was handled.
        for (const message of batch.messages) resolveOffset(message.offset);
        await commitOffsetsIfNecessary({
          topics: [
            {
              topic: batch.topic,
              partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }],
            },
          ],
        });
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    // disconnect() waits for the batch in progress to finish, so no work is cut in half.
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }
}

function parseMessage<S extends z.ZodType>(schema: S, message: KafkaMessage) {
  try {
    return schema.safeParse(JSON.parse(message.value?.toString('utf8') ?? ''));
  } catch {
    return { success: false as const };
  }
}
