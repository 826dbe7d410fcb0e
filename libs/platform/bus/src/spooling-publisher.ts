import { Logger } from '@nestjs/common';
import { ALL_TOPICS, type Envelope, type TopicSpec } from '@tollgate/contracts';
import type { BusRecord, EventPublisher } from './event-bus.port';
import type { FileSpool, SpooledRecord } from './file-spool';

export interface SpoolingOptions {
  // How long a send may take before its records go to the spool instead (the bus may still deliver them:
  // consumers are idempotent on eventId).
  sendTimeoutMs: number;
  drainIntervalMs: number;
}

// Keeps events when the bus is unreachable: a failed or slow send goes to an on-disk spool, drained in order
// once the bus answers again, including after a restart.
export class SpoolingPublisher implements EventPublisher {
  private readonly logger = new Logger(SpoolingPublisher.name);
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly inner: EventPublisher,
    private readonly spool: FileSpool,
    private readonly options: SpoolingOptions,
  ) {}

  async start(): Promise<void> {
    await this.spool.init();
    this.timer = setInterval(() => void this.drainNow(), this.options.drainIntervalMs);
    this.timer.unref();
    await this.drainNow();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
  }

  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    return this.publishBatch(topic, [{ key, envelope }]);
  }

  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    // Nothing jumps the queue: while older events wait in the spool, new ones join them.
    if ((await this.spool.size()) === 0) {
      try {
        await withTimeout(this.inner.publishBatch(topic, records), this.options.sendTimeoutMs);
        return;
      } catch (error) {
        this.logger.warn(`bus unavailable, spooling ${records.length} event(s): ${String(error)}`);
      }
    }
    const spooled = records.map(({ key, envelope }) => ({
      topic: topic.name,
      key,
      value: envelope ? JSON.stringify(envelope) : null,
    }));
    if (!(await this.spool.append(spooled))) {
      throw new Error(`spool full: ${records.length} event(s) for ${topic.name} could not be kept`);
    }
  }

  drainNow(): Promise<void> {
    this.draining ??= this.spool
      .drain((records) => this.sendSpooled(records))
      .then((sent) => {
        if (sent > 0) this.logger.log(`sent ${sent} spooled event(s)`);
      })
      .catch(() => undefined) // Still unreachable: the records stay spooled for the next round.
      .finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async sendSpooled(records: SpooledRecord[]): Promise<void> {
    // Consecutive records of one topic go in one send, keeping the spool's order.
    let start = 0;
    while (start < records.length) {
      const topicName = records[start]?.topic;
      let end = start;
      while (end < records.length && records[end]?.topic === topicName) end++;
      const topic = ALL_TOPICS.find((t) => t.name === topicName) ?? {
        name: topicName ?? '',
        partitions: 1,
        compacted: false,
      };
      const batch = records
        .slice(start, end)
        .map((r) => ({ key: r.key, envelope: r.value ? (JSON.parse(r.value) as Envelope) : null }));
      await withTimeout(this.inner.publishBatch(topic, batch), this.options.sendTimeoutMs);
      start = end;
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
