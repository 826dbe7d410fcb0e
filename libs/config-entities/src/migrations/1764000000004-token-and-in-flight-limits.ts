import type { MigrationInterface, QueryRunner } from 'typeorm';

// Limits BricksLLM does not have, for keys and users alike: tokens per window, a cap on requests in flight,
// and ending streams cleanly at a token or spend limit.
export class TokenAndInFlightLimits1764000000004 implements MigrationInterface {
  name = 'TokenAndInFlightLimits1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['keys', 'users']) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN token_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
          ADD COLUMN max_in_flight_requests integer,
          ADD COLUMN end_streams_at_limit boolean NOT NULL DEFAULT false`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['keys', 'users']) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          DROP COLUMN token_limits, DROP COLUMN max_in_flight_requests, DROP COLUMN end_streams_at_limit`);
    }
  }
}
