import type { MigrationInterface, QueryRunner } from 'typeorm';

// The recent config changes the read models poll while the config topic is silent or unreachable, and the
// index an unknown-key lookup needs to find a rotated-out value (docs/adr/0015).
export class ConfigChangeLog1764000000010 implements MigrationInterface {
  name = 'ConfigChangeLog1764000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE config_change_log (
        id bigserial PRIMARY KEY,
        entity text NOT NULL,
        entity_id text NOT NULL,
        version integer NOT NULL,
        payload jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX config_change_log_created_at ON config_change_log (created_at)`);
    await queryRunner.query(`CREATE INDEX keys_previous_key ON keys (previous_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX keys_previous_key`);
    await queryRunner.query(`DROP TABLE config_change_log`);
  }
}
