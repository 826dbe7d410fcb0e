import type { Envelope, TopicSpec } from '@tollgate/contracts';

// The bus port: Kafka in production, in-memory for unit tests and the embedded mode.
export interface BusRecord {
  key: string | null;
  // null is a tombstone: on a compacted topic it deletes the key's value.
  envelope: Envelope | null;
}

// A record as it travels: the serialized envelope, or null for a tombstone.
export interface RawRecord {
  topic: string;
  key: string | null;
  value: string | null;
}

export interface EventPublisher {
  // Resolves when the bus has durably accepted the event.
  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void>;
  // In order, all or nothing from the caller's point of view (a failure means: retry the whole batch).
  publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void>;
  // Present when the bus can tell a record it refuses from being unreachable, and keeps refused records.
  readonly deadLetters?: DeadLetterPort;
}

export interface DeadLetterPort {
  // Why the bus refused what it was sent when the records themselves are the cause (too large, invalid:
  // sending them again fails again); null when the bus is unreachable or failing (send again later).
  refusalOf(error: unknown): string | null;
  // Puts a refused record on its topic's dead-letter topic, with the reason.
  publishDeadLetter(record: RawRecord, reason: string): Promise<void>;
}

// A batch the bus took only the first `sent` records of (it sends large batches in several requests): the
// caller sends the rest again, not the whole batch.
export class PartlySentError extends Error {
  constructor(
    readonly sent: number,
    override readonly cause: unknown,
  ) {
    super(`${sent} record(s) sent, then: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function sentBefore(error: unknown): number {
  return error instanceof PartlySentError ? error.sent : 0;
}

export interface ReceivedEvent {
  topic: string;
  key: string | null;
  // The raw value; consumers parse it with the contract schema (it may be invalid). null: a tombstone.
  value: string | null;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
