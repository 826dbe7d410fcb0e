import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomProvidersAndRoutes1764000000003 implements MigrationInterface {
  name = 'CustomProvidersAndRoutes1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE custom_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL,
        authentication_param text NOT NULL DEFAULT '',
        route_configs jsonb NOT NULL DEFAULT '[]'::jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT custom_providers_provider_unique UNIQUE (provider)
      )`);
    await queryRunner.query(`
      CREATE TABLE routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        path text NOT NULL,
        key_ids text[] NOT NULL DEFAULT '{}',
        steps jsonb NOT NULL DEFAULT '[]'::jsonb,
        cache_config jsonb NOT NULL,
        retry_strategy text NOT NULL DEFAULT 'constant',
        request_format text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routes_path_unique UNIQUE (path)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routes`);
    await queryRunner.query(`DROP TABLE custom_providers`);
  }
}
