import type { DataSourceOptions } from 'typeorm';
import { ConfigOutboxEntity } from './entities/config-outbox.entity';
import { KeyEntity } from './entities/key.entity';
import { ProviderSettingEntity } from './entities/provider-setting.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { KeyLimits1764000000001 } from './migrations/1764000000001-key-limits';
import { UsersAndPolicies1764000000002 } from './migrations/1764000000002-users-and-policies';
import { CustomProvidersAndRoutes1764000000003 } from './migrations/1764000000003-custom-providers-and-routes';
import { TokenAndInFlightLimits1764000000004 } from './migrations/1764000000004-token-and-in-flight-limits';
import { PricingCatalog1764000000005 } from './migrations/1764000000005-pricing-catalog';
import { PriceEntity, PriceHistoryEntity } from './entities/price.entity';
import { CustomProviderEntity } from './entities/custom-provider.entity';
import { RouteEntity } from './entities/route.entity';
import { PolicyEntity } from './entities/policy.entity';
import { UserEntity } from './entities/user.entity';

export const ENTITIES = [
  KeyEntity,
  ProviderSettingEntity,
  ConfigOutboxEntity,
  UserEntity,
  PolicyEntity,
  CustomProviderEntity,
  RouteEntity,
  PriceEntity,
  PriceHistoryEntity,
];
// Numbered, hand-written migrations; schema sync is never used.
export const MIGRATIONS = [
  InitialSchema1764000000000,
  KeyLimits1764000000001,
  UsersAndPolicies1764000000002,
  CustomProvidersAndRoutes1764000000003,
  TokenAndInFlightLimits1764000000004,
  PricingCatalog1764000000005,
];

export function dataSourceOptions(url: string, opts: { runMigrations: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: opts.runMigrations,
    // Concurrent boots (several replicas) take turns: TypeORM holds an advisory lock per migration run.
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
