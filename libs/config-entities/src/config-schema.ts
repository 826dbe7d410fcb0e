import { ConfigChangeLogEntity } from './entities/config-change-log.entity';
import { ConfigOutboxEntity } from './entities/config-outbox.entity';
import { ConsumedEventEntity } from './entities/consumed-event.entity';
import { CustomProviderEntity } from './entities/custom-provider.entity';
import { KeyEntity } from './entities/key.entity';
import { PolicyEntity } from './entities/policy.entity';
import { PriceEntity, PriceHistoryEntity } from './entities/price.entity';
import { ProviderSettingEntity } from './entities/provider-setting.entity';
import { RouteEntity } from './entities/route.entity';
import { UserEntity } from './entities/user.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { KeyLimits1764000000001 } from './migrations/1764000000001-key-limits';
import { UsersAndPolicies1764000000002 } from './migrations/1764000000002-users-and-policies';
import { CustomProvidersAndRoutes1764000000003 } from './migrations/1764000000003-custom-providers-and-routes';
import { TokenAndInFlightLimits1764000000004 } from './migrations/1764000000004-token-and-in-flight-limits';
import { PricingCatalog1764000000005 } from './migrations/1764000000005-pricing-catalog';
import { ConsumedEvents1764000000006 } from './migrations/1764000000006-consumed-events';
import { ConfigChangeLog1764000000010 } from './migrations/1764000000010-config-change-log';
import { RouteStrategy1764000000020 } from './migrations/1764000000020-route-strategy';

// Every table of the config schema, which config-admin alone writes.
export const CONFIG_ENTITIES = [
  KeyEntity,
  ProviderSettingEntity,
  ConfigOutboxEntity,
  UserEntity,
  PolicyEntity,
  CustomProviderEntity,
  RouteEntity,
  PriceEntity,
  PriceHistoryEntity,
  ConsumedEventEntity,
  ConfigChangeLogEntity,
];

// Numbered, hand-written migrations, in order; schema sync is never used. A class name is what the
// migrations table records as applied: renaming one would make existing databases run it again.
export const CONFIG_MIGRATIONS = [
  InitialSchema1764000000000,
  KeyLimits1764000000001,
  UsersAndPolicies1764000000002,
  CustomProvidersAndRoutes1764000000003,
  TokenAndInFlightLimits1764000000004,
  PricingCatalog1764000000005,
  ConsumedEvents1764000000006,
  ConfigChangeLog1764000000010,
  RouteStrategy1764000000020,
];
