import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LimitColumns } from './limit-columns.embedded';

export interface AllowedPath {
  path: string;
  method: string;
}

@Entity({ name: 'keys' })
export class KeyEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'key_id' })
  keyId: string;

  @Column({ type: 'text' })
  name: string;

  // sha256 hex of the caller's key, or the key itself when isKeyNotHashed.
  @Column({ type: 'text', unique: true })
  key: string;

  @Column({ name: 'is_key_not_hashed', type: 'boolean', default: false })
  isKeyNotHashed: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'boolean', default: false })
  revoked: boolean;

  @Column({ name: 'revoked_reason', type: 'text', default: '' })
  revokedReason: string;

  @Column({ name: 'setting_ids', type: 'uuid', array: true, default: () => "'{}'" })
  settingIds: string[];

  @Column({ name: 'allowed_paths', type: 'jsonb', default: () => "'[]'::jsonb" })
  allowedPaths: AllowedPath[];

  @Column({ name: 'should_log_request', type: 'boolean', default: false })
  shouldLogRequest: boolean;

  @Column({ name: 'should_log_response', type: 'boolean', default: false })
  shouldLogResponse: boolean;

  @Column({ name: 'rotation_enabled', type: 'boolean', default: false })
  rotationEnabled: boolean;

  // After a rotation the previous value keeps working until previousKeyExpiresAt.
  @Column({ name: 'previous_key', type: 'text', nullable: true })
  previousKey: string | null;

  @Column({ name: 'previous_key_expires_at', type: 'timestamptz', nullable: true })
  previousKeyExpiresAt: Date | null;

  @Column(() => LimitColumns, { prefix: false })
  limits: LimitColumns;

  @Column({ name: 'policy_id', type: 'uuid', nullable: true })
  policyId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
