import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Envelope, TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher } from '@tollgate/platform-bus';

export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

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
    for (const messages of chunksUnder(records.map(toMessage), MAX_REQUEST_BYTES))
      await this.producer.send({ topic: topic.name, acks: -1, messages });
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
