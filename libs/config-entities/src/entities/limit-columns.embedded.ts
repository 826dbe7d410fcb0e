import { Column } from 'typeorm';
import type { CostUnit, RateUnit, TokenUnit } from '@tollgate/contracts';
import { microUsdColumn } from './micro-usd.transformer';

// The limits a key and a user share, embedded in both tables under the same column names (no prefix).
export class LimitColumns {
  // Total spend over the subject's life; reaching it revokes the subject.
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

  // As given (a Go duration); expiresAt is when it runs out, counted from when it was set.
  @Column({ type: 'text', default: '' })
  ttl: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
