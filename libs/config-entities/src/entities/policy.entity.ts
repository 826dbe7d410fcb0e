import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PolicyAction } from '@tollgate/contracts';

export interface PolicyRule {
  definition: string;
  action: PolicyAction;
}

@Entity({ name: 'policies' })
export class PolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  // PII entity → action.
  @Column({ type: 'jsonb', default: () => '\'{"rules":{}}\'::jsonb' })
  config: { rules: Record<string, PolicyAction> };

  @Column({ name: 'regex_config', type: 'jsonb', default: () => '\'{"rules":[]}\'::jsonb' })
  regexConfig: { rules: PolicyRule[] };

  @Column({ name: 'custom_config', type: 'jsonb', default: () => '\'{"rules":[]}\'::jsonb' })
  customConfig: { rules: PolicyRule[] };

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
