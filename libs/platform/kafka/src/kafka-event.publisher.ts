import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { deadLetterHeaders, deadLetterTopicOf, type Envelope, type TopicSpec } from '@tollgate/contracts';
import {
  PartlySentError,
  type BusRecord,
  type DeadLetterPort,
  type EventPublisher,
  type RawRecord,
} from '@tollgate/platform-bus';
import { brokerRefusalOf } from './broker-refusal';

export class KafkaEventPublisher implements EventPublisher, DeadLetterPort {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;
  // The spool asks this publisher which errors refuse records, and hands it the refused ones.
  readonly deadLetters: DeadLetterPort = this;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  // A failed connect is not kept: the next send tries again (a service may start while Kafka is down).
  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    await this.publishBatch(topic, [{ key, envelope }]);
  }

  // Sent in order, in requests under the broker's default 1 MB message-set limit (events with logged bodies
  // are large): a batch the broker would refuse whole never blocks the spool behind it.
  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    let sent = 0;
    for (const messages of chunksUnder(records.map(toMessage), MAX_REQUEST_BYTES)) {
      try {
        await this.producer.send({ topic: topic.name, acks: -1, messages });
      } catch (error) {
        // The requests before this one are in: the caller sends the rest again, not those.
        throw sent > 0 ? new PartlySentError(sent, error) : error;
      }
      sent += messages.length;
    }
  }

  refusalOf(error: unknown): string | null {
    return brokerRefusalOf(error);
  }

  // The record as it was refused, on <topic>.dlq (which takes records up to 8 MiB), with the reason.
  async publishDeadLetter(record: RawRecord, reason: string): Promise<void> {
    await this.connect();
    const headers = deadLetterHeaders({
      originalTopic: record.topic,
      originalPartition: null,
      originalOffset: null,
      consumerGroup: '',
      cause: 'refused_by_broker',
      reason,
      failedAt: new Date().toISOString(),
    });
    await this.producer.send({
      topic: deadLetterTopicOf(record.topic),
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers }],
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

const MAX_REQUEST_BYTES = 900 * 1024;

function sizeOf(message: Message): number {
  const value = message.value;
  return (typeof value === 'string' ? Buffer.byteLength(value) : (value?.length ?? 0)) + 256;
}

export function chunksUnder(messages: Message[], maxBytes: number): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = sizeOf(message);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function toMessage({ key, envelope }: BusRecord): Message {
  if (!envelope) return { key, value: null };
  return {
    key,
    value: JSON.stringify(envelope),
    headers: {
      'event-type': envelope.type,
      'event-version': String(envelope.version),
      ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
    },
  };
}
