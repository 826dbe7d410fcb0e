import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RouteSnapshot } from '@tollgate/contracts';

@Entity({ name: 'routes' })
export class RouteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  // Served at /api/routes<path>; unique.
  @Column({ type: 'text', unique: true })
  path: string;

  @Column({ name: 'key_ids', type: 'text', array: true, default: () => "'{}'" })
  keyIds: string[];

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  steps: RouteSnapshot['steps'];

  @Column({ name: 'cache_config', type: 'jsonb' })
  cacheConfig: RouteSnapshot['cacheConfig'];

  @Column({ name: 'retry_strategy', type: 'text', default: 'constant' })
  retryStrategy: RouteSnapshot['retryStrategy'];

  @Column({ type: 'text', default: 'fallback' })
  strategy: RouteSnapshot['strategy'];

  @Column({ name: 'request_format', type: 'text', default: '' })
  requestFormat: RouteSnapshot['requestFormat'];

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
