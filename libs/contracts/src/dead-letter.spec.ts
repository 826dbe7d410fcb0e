import { describe, expect, it } from 'vitest';
import {
  DEAD_LETTER_REASON_MAX_CHARS,
  DeadLetterHeaders,
  deadLetterHeaders,
  readDeadLetter,
  replayedFor,
  type DeadLetter,
} from './dead-letter';

const letter: DeadLetter = {
  originalTopic: 'gateway.request.completed.v1',
  originalPartition: 2,
  originalOffset: '41',
  consumerGroup: 'analytics-ingester.clickhouse',
  cause: 'refused_by_sink',
  reason: 'Code: 131, Too large value for FixedString(8)',
  failedAt: '2026-12-03T10:00:00.000Z',
};

describe(deadLetterHeaders.name, () => {
  it('writes headers that read back as the same dead letter', () => {
    const headers = Object.fromEntries(
      Object.entries(deadLetterHeaders(letter)).map(([k, v]) => [k, Buffer.from(v)]),
    );
    expect(readDeadLetter(headers)).toEqual(letter);
  });

  it('keeps a dead letter set aside by a producer (no partition, offset or group)', () => {
    const fromProducer: DeadLetter = {
      ...letter,
      originalPartition: null,
      originalOffset: null,
      consumerGroup: '',
      cause: 'refused_by_broker',
    };
    expect(readDeadLetter(deadLetterHeaders(fromProducer))).toEqual(fromProducer);
  });

  it('cuts a long reason and leaves no half surrogate pair at the cut', () => {
    const reason = 'x'.repeat(DEAD_LETTER_REASON_MAX_CHARS - 1) + '😀 and more';
    const written = deadLetterHeaders({ ...letter, reason })[DeadLetterHeaders.reason] ?? '';
    expect(written).toHaveLength(DEAD_LETTER_REASON_MAX_CHARS);
    expect(written.endsWith('\uFFFD')).toBe(true);
  });
});

describe(readDeadLetter.name, () => {
  it('is null for a record without dead-letter headers (set aside before they existed)', () => {
    expect(readDeadLetter({ 'event-type': 'x' })).toBeNull();
    expect(readDeadLetter(undefined)).toBeNull();
  });
});

describe(replayedFor.name, () => {
  it('names the group a replayed record is for, and nothing otherwise', () => {
    expect(replayedFor({ [DeadLetterHeaders.replayFor]: Buffer.from('auth-limit.settlement') })).toBe(
      'auth-limit.settlement',
    );
    expect(replayedFor({})).toBeNull();
    expect(replayedFor({ [DeadLetterHeaders.replayFor]: '' })).toBeNull();
  });
});
