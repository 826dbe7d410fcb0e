import type { MigrationInterface, QueryRunner } from 'typeorm';
import { seedEntries } from '@tollgate/pricing';

// The pricing catalog in PostgreSQL, seeded from the files shipped with the gateway; from then on it is edited
// through the admin API, with every change kept in price_history.
export class PricingCatalog1764000000005 implements MigrationInterface {
  name = 'PricingCatalog1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE prices (
        key text PRIMARY KEY,
        provider text NOT NULL,
        mode text NOT NULL,
        model text NOT NULL,
        prices jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE price_history (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        previous jsonb,
        current jsonb NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX price_history_key ON price_history (key, version)`);
    for (const entry of seedEntries()) {
      const { key, provider, mode, model, ...prices } = entry;
      await queryRunner.query(
        `INSERT INTO prices (key, provider, mode, model, prices) VALUES ($1, $2, $3, $4, $5)`,
        [key, provider, mode, model, JSON.stringify(prices)],
      );
      await queryRunner.query(`INSERT INTO price_history (key, version, current) VALUES ($1, 1, $2)`, [
        key,
        JSON.stringify(entry),
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE price_history`);
    await queryRunner.query(`DROP TABLE prices`);
  }
}
