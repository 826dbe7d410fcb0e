import type { MigrationInterface, QueryRunner } from 'typeorm';

// Key limits: BricksLLM's single-window fields are kept as given (ttl, amounts and units), and the windows
// the limiter enforces are stored as lists, so a key can have several rate and cost windows at once.
export class KeyLimits1764000000001 implements MigrationInterface {
  name = 'KeyLimits1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE keys
        ADD COLUMN cost_limit_micro_usd bigint,
        ADD COLUMN rate_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN cost_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN ttl text NOT NULL DEFAULT '',
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN policy_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE keys
        DROP COLUMN cost_limit_micro_usd, DROP COLUMN rate_limits, DROP COLUMN cost_limits,
        DROP COLUMN ttl, DROP COLUMN expires_at, DROP COLUMN policy_id`);
  }
}
