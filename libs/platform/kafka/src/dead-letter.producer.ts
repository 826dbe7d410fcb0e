import { Logger } from '@nestjs/common';
import { Partitioners, type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import { DeadLetterHeaders, deadLetterHeaders, deadLetterTopicOf } from '@tollgate/contracts';
import type { DeadLetterCounter } from '@tollgate/platform-bus';
import { chunksUnder } from './kafka-event.publisher';
import type { DeadLetterDraft } from './message-sorting';

// Sets a consumer's failed messages aside on <topic>.dlq: the original key, value and headers, plus where the
// message came from, which group failed it and why. Counted and logged.
export class DeadLetterProducer {
  private readonly producer: Producer;
  private readonly logger: Logger;

  constructor(
    kafka: Kafka,
    private readonly groupId: string,
    private readonly counter: DeadLetterCounter,
  ) {
    this.logger = new Logger(`dead-letters:${groupId}`);
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send(topic: string, partition: number, drafts: readonly DeadLetterDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const inOrder = [...drafts].sort((a, b) => Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
    const messages = inOrder.map((d) => deadLetterMessage(topic, partition, this.groupId, d));
    for (const chunk of chunksUnder(messages, 900 * 1024))
      await this.producer.send({ topic: deadLetterTopicOf(topic), acks: -1, messages: chunk });
    for (const d of inOrder) this.counter.add(topic, d.cause);
    const listed = inOrder
      .slice(0, 5)
      .map((d) => `offset ${d.message.offset} (${d.cause}: ${d.reason.slice(0, 200)})`)
      .join('; ');
    const more = inOrder.length > 5 ? `; and ${inOrder.length - 5} more` : '';
    this.logger.warn(
      `${inOrder.length} message(s) of ${topic}[${partition}] sent to ${deadLetterTopicOf(topic)} ` +
        `(${this.counter.total()} since start): ${listed}${more}`,
    );
  }
}

export function deadLetterMessage(
  topic: string,
  partition: number,
  groupId: string,
  { message, cause, reason }: DeadLetterDraft,
): Message {
  const own = new Set<string>(Object.values(DeadLetterHeaders));
  const original = Object.entries((message.headers ?? {}) as IHeaders).filter(([name]) => !own.has(name));
  const letter = deadLetterHeaders({
    originalTopic: topic,
    originalPartition: partition,
    originalOffset: message.offset,
    consumerGroup: groupId,
    cause,
    reason,
    failedAt: new Date().toISOString(),
  });
  return {
    key: message.key,
    value: message.value,
    headers: { ...Object.fromEntries(original), ...letter },
  };
}
