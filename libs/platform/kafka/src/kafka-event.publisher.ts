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

  connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    await this.publishBatch(topic, [{ key, envelope }]);
  }

  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    await this.producer.send({ topic: topic.name, acks: -1, messages: records.map(toMessage) });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
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
