import type { Envelope, TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher } from './event-bus.port';

export interface BatchingOptions {
  // How long the first event of a batch waits for others: the cost of one send is shared by all of them.
  lingerMs: number;
  // A batch this large leaves at once.
  maxRecords: number;
}

interface Waiting {
  record: BusRecord;
  done: (error?: unknown) => void;
}

// Gathers events published one at a time (one per proxied request) into batches per topic, sent in order one
// after another: at a thousand requests a second the bus sees tens of sends, not a thousand. Each publish
// resolves, or rejects, with the send of its batch.
export class BatchingPublisher implements EventPublisher {
  private readonly queues = new Map<
    string,
    { topic: TopicSpec; waiting: Waiting[]; timer?: NodeJS.Timeout }
  >();
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: EventPublisher,
    private readonly options: BatchingOptions,
  ) {}

  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(topic.name);
      if (!queue) {
        queue = { topic, waiting: [] };
        this.queues.set(topic.name, queue);
      }
      queue.waiting.push({ record: { key, envelope }, done: (error) => (error ? reject(error) : resolve()) });
      if (queue.waiting.length >= this.options.maxRecords) this.flush(topic.name);
      else queue.timer ??= setTimeout(() => this.flush(topic.name), this.options.lingerMs);
    });
  }

  // A batch given whole is sent as it is, after what is already queued for its topic.
  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    this.flush(topic.name);
    await this.enqueueSend(topic, records);
  }

  private flush(topicName: string): void {
    const queue = this.queues.get(topicName);
    if (!queue || queue.waiting.length === 0) return;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    const batch = queue.waiting;
    queue.waiting = [];
    this.enqueueSend(
      queue.topic,
      batch.map((w) => w.record),
    ).then(
      () => batch.forEach((w) => w.done()),
      (error: unknown) => batch.forEach((w) => w.done(error ?? new Error('send failed'))),
    );
  }

  // One send at a time, in the order the batches were made.
  private enqueueSend(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    const send = this.sending.then(() => this.inner.publishBatch(topic, records));
    this.sending = send.catch(() => undefined);
    return send;
  }
}
