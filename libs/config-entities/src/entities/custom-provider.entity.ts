import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CustomProviderSnapshot } from '@tollgate/contracts';

@Entity({ name: 'custom_providers' })
export class CustomProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // The provider's name, used in /api/custom/providers/:provider/* and in provider settings.
  @Column({ type: 'text', unique: true })
  provider: string;

  @Column({ name: 'authentication_param', type: 'text', default: '' })
  authenticationParam: string;

  @Column({ name: 'route_configs', type: 'jsonb', default: () => "'[]'::jsonb" })
  routeConfigs: CustomProviderSnapshot['route_configs'];

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
