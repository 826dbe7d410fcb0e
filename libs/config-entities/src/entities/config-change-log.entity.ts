import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// Every config change of the last minutes, kept after the relay has sent it: what the read models poll
// when the config topic is silent or unreachable. The outbox is Kafka's queue and is emptied by the relay;
// this log is pruned by age (docs/adr/0015).
@Entity({ name: 'config_change_log' })
export class ConfigChangeLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  entity: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'integer' })
  version: number;

  // The read-model snapshot of the entity; null means it was deleted.
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  // Set by the database when the row is inserted (clock_timestamp(), not the transaction's start).
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
