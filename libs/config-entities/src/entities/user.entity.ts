import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LimitColumns } from './limit-columns.embedded';
import type { AllowedPath } from './key.entity';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // The caller's own user id (the request body's `user`); unique among users sharing tags.
  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'key_ids', type: 'text', array: true, default: () => "'{}'" })
  keyIds: string[];

  @Column({ type: 'boolean', default: false })
  revoked: boolean;

  @Column({ name: 'revoked_reason', type: 'text', default: '' })
  revokedReason: string;

  @Column({ name: 'allowed_paths', type: 'jsonb', default: () => "'[]'::jsonb" })
  allowedPaths: AllowedPath[];

  @Column({ name: 'allowed_models', type: 'text', array: true, default: () => "'{}'" })
  allowedModels: string[];

  @Column(() => LimitColumns, { prefix: false })
  limits: LimitColumns;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
