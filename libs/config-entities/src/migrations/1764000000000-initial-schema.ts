import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE provider_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL DEFAULT '',
        provider text NOT NULL,
        setting jsonb NOT NULL DEFAULT '{}'::jsonb,
        secrets_ciphertext text NOT NULL DEFAULT '',
        allowed_models text[] NOT NULL DEFAULT '{}',
        cost_map jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE keys (
        key_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key text NOT NULL,
        is_key_not_hashed boolean NOT NULL DEFAULT false,
        tags text[] NOT NULL DEFAULT '{}',
        revoked boolean NOT NULL DEFAULT false,
        revoked_reason text NOT NULL DEFAULT '',
        setting_ids uuid[] NOT NULL DEFAULT '{}',
        allowed_paths jsonb NOT NULL DEFAULT '[]'::jsonb,
        should_log_request boolean NOT NULL DEFAULT false,
        should_log_response boolean NOT NULL DEFAULT false,
        rotation_enabled boolean NOT NULL DEFAULT false,
        previous_key text,
        previous_key_expires_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT keys_key_unique UNIQUE (key)
      )`);
    await queryRunner.query(`CREATE INDEX keys_tags_idx ON keys USING gin (tags)`);
    // Config changes leave through this outbox, written in the same transaction as the change itself.
    await queryRunner.query(`
      CREATE TABLE config_outbox (
        id bigserial PRIMARY KEY,
        entity text NOT NULL,
        entity_id text NOT NULL,
        version integer NOT NULL,
        payload jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE config_outbox`);
    await queryRunner.query(`DROP TABLE keys`);
    await queryRunner.query(`DROP TABLE provider_settings`);
  }
}
