import { describe, expect, it } from 'vitest';
import { DeadLetterCounter } from '@tollgate/platform-bus';
import { ConsumerMetrics } from './consumer.metrics';
import { registerDeadLetterMetrics } from './dead-letter.metrics';
import { MetricsRegistry } from './metrics.registry';

describe(ConsumerMetrics.name, () => {
  it('counts messages and batches per group and topic and keeps the last lag per partition', async () => {
    const registry = new MetricsRegistry('auth-limit');
    const metrics = new ConsumerMetrics(registry);
    const batch = { group: 'g', topic: 't', partition: 1, messages: 5, lag: 7, seconds: 0.02 };
    metrics.batchHandled(batch);
    metrics.batchHandled({ ...batch, messages: 3, lag: 0 });
    metrics.batchHandled({ ...batch, partition: 2, messages: 1, lag: -1 });
    const text = await registry.metrics();
    expect(text).toContain('tollgate_consumer_messages_total{group="g",topic="t",service="auth-limit"} 9');
    expect(text).toContain('tollgate_consumer_batches_total{group="g",topic="t",service="auth-limit"} 3');
    expect(text).toContain('tollgate_consumer_lag{group="g",topic="t",partition="1",service="auth-limit"} 0');
    // kafkajs reports -1 for a batch read up to the high watermark's edge: never a negative lag.
    expect(text).toContain('tollgate_consumer_lag{group="g",topic="t",partition="2",service="auth-limit"} 0');
    const duration = await registry.getSingleMetric('tollgate_consumer_batch_duration_seconds')?.get();
    expect(duration?.values).toContainEqual(
      expect.objectContaining({
        metricName: 'tollgate_consumer_batch_duration_seconds_count',
        labels: { group: 'g', topic: 't' },
        value: 3,
      }),
    );
  });
});

describe(registerDeadLetterMetrics.name, () => {
  it('mirrors the process dead-letter counter at each scrape', async () => {
    const registry = new MetricsRegistry('analytics-ingester');
    const counter = new DeadLetterCounter();
    registerDeadLetterMetrics(registry, counter);
    counter.add('gateway.request.completed.v1', 'invalid', 2);
    const line = (n: number) =>
      `tollgate_dead_letters_total{topic="gateway.request.completed.v1",cause="invalid",service="analytics-ingester"} ${n}`;
    expect(await registry.metrics()).toContain(line(2));
    counter.add('gateway.request.completed.v1', 'invalid');
    expect(await registry.metrics()).toContain(line(3));
  });
});
