import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Envelope, TopicSpec } from '@tollgate/contracts';
import type { EventPublisher } from '@tollgate/platform-bus';

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
    await this.connect();
    await this.producer.send({
      topic: topic.name,
      acks: -1,
      messages: [
        {
          key,
          value: JSON.stringify(envelope),
          headers: {
            'event-type': envelope.type,
            'event-version': String(envelope.version),
            ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
          },
        },
      ],
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
