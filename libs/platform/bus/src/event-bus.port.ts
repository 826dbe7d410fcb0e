import type { Envelope, TopicSpec } from '@tollgate/contracts';

// The bus port: Kafka in production, in-memory for unit tests and the embedded mode.
export interface EventPublisher {
  // Resolves when the bus has durably accepted the event.
  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void>;
}

export interface ReceivedEvent {
  topic: string;
  key: string | null;
  // The raw value; consumers parse it with the contract schema (it may be invalid).
  value: string;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
