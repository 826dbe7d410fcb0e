import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// The events a config-admin consumer has applied, recorded in the transaction that applied each one: a
// redelivered event finds its row and changes nothing (consumers are idempotent on eventId).
@Entity({ name: 'consumed_events' })
export class ConsumedEventEntity {
  // The consumer group that applied it.
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @CreateDateColumn({ name: 'consumed_at', type: 'timestamptz' })
  consumedAt: Date;
}
