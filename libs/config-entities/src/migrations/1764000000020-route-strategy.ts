import type { MigrationInterface, QueryRunner } from 'typeorm';

// A route's strategy: fallback (steps in order, BricksLLM's only one) or weighted. Step weights and cache
// sharing live in the steps and cache_config JSON columns, which need no change.
export class RouteStrategy1764000000020 implements MigrationInterface {
  name = 'RouteStrategy1764000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE routes ADD COLUMN strategy text NOT NULL DEFAULT 'fallback'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE routes DROP COLUMN strategy`);
  }
}
