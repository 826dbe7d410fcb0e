import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'provider_settings' })
export class ProviderSettingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text' })
  provider: string;

  // Non-secret parameters (url, resourceName, ...). Secrets live in their own column and never leave the API.
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  setting: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  secrets: Record<string, string>;

  @Column({ name: 'allowed_models', type: 'text', array: true, default: () => "'{}'" })
  allowedModels: string[];

  @Column({ name: 'cost_map', type: 'jsonb', nullable: true })
  costMap: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
