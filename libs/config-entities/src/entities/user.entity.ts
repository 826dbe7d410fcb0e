import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CostUnit, RateUnit, TokenUnit } from '@tollgate/contracts';
import { microUsdColumn } from './micro-usd.transformer';
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

  @Column({ name: 'cost_limit_micro_usd', type: 'bigint', nullable: true, transformer: microUsdColumn })
  costLimitMicroUsd: number | null;

  @Column({ name: 'rate_limits', type: 'jsonb', default: () => "'[]'::jsonb" })
  rateLimits: { limit: number; unit: RateUnit }[];

  @Column({ name: 'cost_limits', type: 'jsonb', default: () => "'[]'::jsonb" })
  costLimits: { limitMicroUsd: number; unit: CostUnit }[];

  @Column({ name: 'token_limits', type: 'jsonb', default: () => "'[]'::jsonb" })
  tokenLimits: { limit: number; unit: TokenUnit }[];

  @Column({ name: 'max_in_flight_requests', type: 'integer', nullable: true })
  maxInFlightRequests: number | null;

  @Column({ name: 'end_streams_at_limit', type: 'boolean', default: false })
  endStreamsAtLimit: boolean;

  @Column({ type: 'text', default: '' })
  ttl: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
