import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndPolicies1764000000002 implements MigrationInterface {
  name = 'UsersAndPolicies1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        name text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        key_ids text[] NOT NULL DEFAULT '{}',
        revoked boolean NOT NULL DEFAULT false,
        revoked_reason text NOT NULL DEFAULT '',
        allowed_paths jsonb NOT NULL DEFAULT '[]'::jsonb,
        allowed_models text[] NOT NULL DEFAULT '{}',
        cost_limit_micro_usd bigint,
        rate_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        cost_limits jsonb NOT NULL DEFAULT '[]'::jsonb,
        ttl text NOT NULL DEFAULT '',
        expires_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX users_user_id_idx ON users (user_id)`);
    await queryRunner.query(`CREATE INDEX users_tags_idx ON users USING gin (tags)`);
    await queryRunner.query(`
      CREATE TABLE policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        config jsonb NOT NULL DEFAULT '{"rules":{}}'::jsonb,
        regex_config jsonb NOT NULL DEFAULT '{"rules":[]}'::jsonb,
        custom_config jsonb NOT NULL DEFAULT '{"rules":[]}'::jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX policies_tags_idx ON policies USING gin (tags)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE policies`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
