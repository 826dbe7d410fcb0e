import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { DeadLetterHeaders, readDeadLetter } from '@tollgate/contracts';
import { deadLetterMessage } from './dead-letter.producer';

describe(deadLetterMessage.name, () => {
  it('keeps the key, value and headers, and says where the message came from and why it failed', () => {
    const original = {
      offset: '41',
      key: Buffer.from('k1'),
      value: Buffer.from('{"eventId":"x"}'),
      headers: {
        traceparent: Buffer.from('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
        // A replayed message that failed again: its old replay mark is not carried into the new letter.
        [DeadLetterHeaders.replayFor]: Buffer.from('analytics-ingester.clickhouse'),
      },
    } as unknown as KafkaMessage;
    const letter = deadLetterMessage('gateway.request.completed.v1', 2, 'analytics-ingester.clickhouse', {
      message: original,
      cause: 'refused_by_sink',
      reason: 'Code: 131, Too large value for FixedString(8)',
    });
    expect(letter.key).toEqual(original.key);
    expect(letter.value).toEqual(original.value);
    expect(letter.headers?.['traceparent']).toEqual(original.headers?.['traceparent']);
    expect(letter.headers?.[DeadLetterHeaders.replayFor]).toBeUndefined();
    expect(readDeadLetter(letter.headers as Record<string, string>)).toEqual({
      originalTopic: 'gateway.request.completed.v1',
      originalPartition: 2,
      originalOffset: '41',
      consumerGroup: 'analytics-ingester.clickhouse',
      cause: 'refused_by_sink',
      reason: 'Code: 131, Too large value for FixedString(8)',
      failedAt: expect.any(String),
    });
  });
});
