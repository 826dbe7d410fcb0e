import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { z } from 'zod';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { DeadLetterProducer } from './dead-letter.producer';
import { inBatchSpan, type TracedEnvelope } from './envelope-spans';
import { sortMessages, type DeadLetterDraft, type SortedMessages } from './message-sorting';

// What a handler may say about a batch it took: events its store refused for their data alone (they go to
// the dead-letter topic with the reason; the rest of the batch counts as done).
export interface BatchOutcome<E> {
  refused: readonly { event: E; reason: string }[];
}

export interface EnvelopeBatchConsumerOptions<S extends z.ZodType> {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: S;
  // Throw to have the whole batch redelivered (the store is down); offsets are committed only after this
  // resolves. Refused events must be among the ones it was given.
  handleBatch: (events: z.infer<S>[]) => Promise<void | BatchOutcome<z.infer<S>>>;
  fromBeginning?: boolean;
  // How long the broker may hold a fetch to gather at least `minBytes` (kafkajs defaults: 5 s and 1 byte).
  // Consumers that pay per batch (a ClickHouse insert) trade a little freshness for far fewer batches.
  minBytes?: number;
  maxWaitTimeInMs?: number;
  // Where dead letters are counted (the service's GET /api/dead-letters); one of its own otherwise.
  deadLetters?: DeadLetterCounter;
  // Told of each batch once committed (the service's consumer metrics).
  observer?: BatchObserver;
}

// What a batch consumer tells its observer about each committed batch.
export interface BatchObserver {
  batchHandled(batch: {
    group: string;
    topic: string;
    partition: number;
    messages: number;
    lag: number;
    seconds: number;
  }): void;
}

// At-least-once batch consumption: parse each message with the contract schema, send invalid ones to the
// dead-letter topic, hand the valid ones to the handler, dead-letter what its store refused, then commit.
// Handlers must be idempotent on eventId.
export class EnvelopeBatchConsumer<S extends z.ZodType> {
  private readonly consumer: Consumer;
  private readonly deadLetters: DeadLetterProducer;

  constructor(private readonly options: EnvelopeBatchConsumerOptions<S>) {
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
    this.deadLetters = new DeadLetterProducer(
      options.kafka,
      options.groupId,
      options.deadLetters ?? new DeadLetterCounter(),
    );
  }

  async start(): Promise<void> {
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.options.topic,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      // Partitions are independent (offsets are committed per partition): handle two at once.
      partitionsConsumedConcurrently: 2,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async stop(): Promise<void> {
    // disconnect() waits for the batch in progress to finish, so no work is cut in half.
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
    const startedAt = performance.now();
    const sorted = sortMessages(batch.messages, this.options.schema, this.options.groupId);
    // The handler runs first: a batch it fails is redelivered whole, and its invalid messages are not
    // dead-lettered twice.
    const events = sorted.valid.map((v) => v.event);
    // Traced as one batch span linked to each event's request; handlers give each event its own span.
    const from = { topic: batch.topic, groupId: this.options.groupId, partition: batch.partition };
    const outcome =
      events.length > 0
        ? await inBatchSpan(from, events as TracedEnvelope[], () => this.options.handleBatch(events))
        : undefined;
    await this.deadLetters.send(batch.topic, batch.partition, [
      ...sorted.dead,
      ...refusedDrafts(sorted, outcome),
    ]);
    await commitBatch(payload);
    this.options.observer?.batchHandled({
      group: this.options.groupId,
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.length,
      // The fetch's high watermark minus the offset after this batch's last message.
      lag: Number(batch.offsetLag()),
      seconds: (performance.now() - startedAt) / 1000,
    });
  }
}

function refusedDrafts<E>(sorted: SortedMessages<E>, outcome: void | BatchOutcome<E>): DeadLetterDraft[] {
  if (!outcome || outcome.refused.length === 0) return [];
  const messageOf = new Map(sorted.valid.map((v) => [v.event, v.message]));
  return outcome.refused.map(({ event, reason }) => {
    const message = messageOf.get(event);
    if (!message) throw new Error('handleBatch refused an event it was not given');
    return { message, cause: 'refused_by_sink' as const, reason };
  });
}

async function commitBatch({
  batch,
  resolveOffset,
  commitOffsetsIfNecessary,
  heartbeat,
}: EachBatchPayload): Promise<void> {
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
}
