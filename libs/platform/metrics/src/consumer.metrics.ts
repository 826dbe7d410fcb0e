import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from './metrics.registry';

// What a batch consumer reports once a batch is handled and committed.
export interface HandledBatch {
  group: string;
  topic: string;
  partition: number;
  // Messages in the batch (valid and dead-lettered).
  messages: number;
  // Messages left on the partition after this batch: its high watermark minus the next offset to read.
  lag: number;
  seconds: number;
}

// Kafka consumer metrics. Group and topic names come from the contracts' registry, partitions from the
// topic's configuration: all bounded. The lag is the broker's high watermark at fetch time minus what this
// batch committed, so it is as fresh as the last batch: an idle partition has none to report and keeps its
// last value (0 once caught up); a stuck consumer shows as batch counts that stop moving.
export class ConsumerMetrics {
  private readonly messages: Counter<'group' | 'topic'>;
  private readonly batches: Counter<'group' | 'topic'>;
  private readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly duration: Histogram<'group' | 'topic'>;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.messages = new Counter({
      name: 'tollgate_consumer_messages_total',
      help: 'Kafka messages handled and committed, by consumer group and topic.',
      labelNames: ['group', 'topic'],
      registers,
    });
    this.batches = new Counter({
      name: 'tollgate_consumer_batches_total',
      help: 'Kafka batches handled and committed, by consumer group and topic.',
      labelNames: ['group', 'topic'],
      registers,
    });
    this.lag = new Gauge({
      name: 'tollgate_consumer_lag',
      help: 'Messages behind the partition high watermark after the last committed batch.',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
    this.duration = new Histogram({
      name: 'tollgate_consumer_batch_duration_seconds',
      help: 'Time to handle and commit one Kafka batch.',
      labelNames: ['group', 'topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  batchHandled(b: HandledBatch): void {
    const labels = { group: b.group, topic: b.topic };
    this.messages.inc(labels, b.messages);
    this.batches.inc(labels);
    this.lag.set({ ...labels, partition: String(b.partition) }, Math.max(0, b.lag));
    this.duration.observe(labels, b.seconds);
  }
}
