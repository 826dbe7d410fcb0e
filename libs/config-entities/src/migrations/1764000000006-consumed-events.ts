import type { MigrationInterface, QueryRunner } from 'typeorm';

// Events other services send config-admin (revocation requests), each applied once: the event's id is
// recorded in the same transaction as the change it made.
export class ConsumedEvents1764000000006 implements MigrationInterface {
  name = 'ConsumedEvents1764000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE consumed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consumed_events`);
  }
}
