import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PriceSnapshot } from '@tollgate/contracts';

type Prices = Omit<PriceSnapshot, 'key' | 'provider' | 'mode' | 'model'>;

// One entry of the pricing catalog (seeded from prices.seed.json and prices.extra.json, edited through
// PUT /api/pricing/:model).
@Entity({ name: 'prices' })
export class PriceEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text' })
  mode: string;

  @Column({ type: 'text' })
  model: string;

  // Token prices in USD per 1M tokens and per-unit prices, as the snapshot carries them.
  @Column({ type: 'jsonb' })
  prices: Prices;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

// Every change of a price, kept: what it was, what it became, when.
@Entity({ name: 'price_history' })
export class PriceHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb', nullable: true })
  previous: PriceSnapshot | null;

  @Column({ type: 'jsonb' })
  current: PriceSnapshot;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
