import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'provider_settings' })
export class ProviderSettingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text' })
  provider: string;

  // Non-secret parameters (url, resourceName, ...). Secrets are sealed (AES-256-GCM) in their own column
  // and never leave the API.
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  setting: Record<string, string>;

  @Column({ name: 'secrets_ciphertext', type: 'text', default: '' })
  secretsCiphertext: string;

  @Column({ name: 'allowed_models', type: 'text', array: true, default: () => "'{}'" })
  allowedModels: string[];

  @Column({ name: 'cost_map', type: 'jsonb', nullable: true })
  costMap: Record<string, unknown> | null;

  // Bumped on every change; read models apply a change only when it is newer than what they hold.
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
