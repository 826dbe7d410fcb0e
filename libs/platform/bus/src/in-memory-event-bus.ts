import type { Envelope, TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher, ReceivedEvent } from './event-bus.port';

type Listener = (event: ReceivedEvent) => Promise<void> | void;

// Delivers synchronously-in-order to every listener of a topic; keeps a log for assertions.
export class InMemoryEventBus implements EventPublisher {
  readonly published: { topic: string; key: string | null; envelope: Envelope | null }[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  async publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    await this.publishBatch(topic, [{ key, envelope }]);
  }

  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    for (const { key, envelope } of records) {
      this.published.push({ topic: topic.name, key, envelope });
      const value = envelope ? JSON.stringify(envelope) : null;
      for (const listener of this.listeners.get(topic.name) ?? []) {
        await listener({ topic: topic.name, key, value });
      }
    }
  }

  subscribe(topic: TopicSpec, listener: Listener): void {
    this.listeners.set(topic.name, [...(this.listeners.get(topic.name) ?? []), listener]);
  }
}
