import { z } from 'zod';
import { toWellFormedText } from './well-formed';

// A dead letter is the record that failed, its key, value and headers untouched (a replay re-publishes exactly
// those bytes), plus these headers saying where it came from and why it was set aside.
export const DeadLetterHeaders = {
  originalTopic: 'tollgate-dlq-original-topic',
  originalPartition: 'tollgate-dlq-original-partition',
  originalOffset: 'tollgate-dlq-original-offset',
  // The consumer group that set it aside; empty when the producer did (the broker refused it).
  consumerGroup: 'tollgate-dlq-consumer-group',
  cause: 'tollgate-dlq-cause',
  reason: 'tollgate-dlq-reason',
  failedAt: 'tollgate-dlq-failed-at',
  // Set by a replay on the re-published record: only this consumer group takes it again (another group
  // handled it the first time, and its idempotency window may have passed).
  replayFor: 'tollgate-dlq-replay-for',
} as const;

export const DeadLetterCauseSchema = z.enum([
  'unparseable', // the value is not JSON
  'invalid', // JSON, but not an event of the topic's contract
  'refused_by_sink', // the consumer's store refused this record alone (ClickHouse: bad data)
  'refused_by_broker', // Kafka refused the record when the producer sent it (too large, invalid)
]);
export type DeadLetterCause = z.infer<typeof DeadLetterCauseSchema>;

export const DeadLetterSchema = z.object({
  originalTopic: z.string().min(1),
  originalPartition: z.coerce.number().int().nonnegative().nullable(),
  originalOffset: z.string().nullable(),
  consumerGroup: z.string(),
  cause: DeadLetterCauseSchema,
  reason: z.string(),
  failedAt: z.iso.datetime(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

// Reasons quote the refused data (ClickHouse's message does): kept short and well-formed.
export const DEAD_LETTER_REASON_MAX_CHARS = 1000;

export function deadLetterHeaders(letter: DeadLetter): Record<string, string> {
  return {
    [DeadLetterHeaders.originalTopic]: letter.originalTopic,
    [DeadLetterHeaders.originalPartition]:
      letter.originalPartition === null ? '' : String(letter.originalPartition),
    [DeadLetterHeaders.originalOffset]: letter.originalOffset ?? '',
    [DeadLetterHeaders.consumerGroup]: letter.consumerGroup,
    [DeadLetterHeaders.cause]: letter.cause,
    // After the cut: a surrogate pair it split becomes U+FFFD.
    [DeadLetterHeaders.reason]: toWellFormedText(letter.reason.slice(0, DEAD_LETTER_REASON_MAX_CHARS)),
    [DeadLetterHeaders.failedAt]: letter.failedAt,
  };
}

type RecordHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

// The dead-letter fields of a record's headers; null when they are missing or malformed (a record set aside
// before these headers existed).
export function readDeadLetter(headers: RecordHeaders | undefined): DeadLetter | null {
  const text = (name: string): string | undefined => {
    const value = headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
  const parsed = DeadLetterSchema.safeParse({
    originalTopic: text(DeadLetterHeaders.originalTopic),
    originalPartition: text(DeadLetterHeaders.originalPartition) || null,
    originalOffset: text(DeadLetterHeaders.originalOffset) || null,
    consumerGroup: text(DeadLetterHeaders.consumerGroup) ?? '',
    cause: text(DeadLetterHeaders.cause),
    reason: text(DeadLetterHeaders.reason) ?? '',
    failedAt: text(DeadLetterHeaders.failedAt),
  });
  return parsed.success ? parsed.data : null;
}

// The consumer group a replayed record is meant for, if it is one.
export function replayedFor(headers: RecordHeaders | undefined): string | null {
  const value = headers?.[DeadLetterHeaders.replayFor];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString() || null;
}
