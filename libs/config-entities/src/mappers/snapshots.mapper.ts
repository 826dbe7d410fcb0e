import type {
  CustomProviderSnapshot,
  PriceSnapshot,
  KeySnapshot,
  PolicySnapshot,
  ProviderSettingSnapshot,
  RouteSnapshot,
  UserSnapshot,
} from '@tollgate/contracts';
import type { CustomProviderEntity } from '../entities/custom-provider.entity';
import type { PriceEntity } from '../entities/price.entity';
import type { RouteEntity } from '../entities/route.entity';
import type { KeyEntity } from '../entities/key.entity';
import type { PolicyEntity } from '../entities/policy.entity';
import type { UserEntity } from '../entities/user.entity';
import type { ProviderSettingEntity } from '../entities/provider-setting.entity';
import { toKeyLimits } from './limits.mapper';

// Entities as the services' read models see them: the outbox payloads and the boot snapshot use the same
// mapping, so the two can never disagree.
export function toKeySnapshot(key: KeyEntity): KeySnapshot {
  return {
    keyId: key.keyId,
    name: key.name,
    key: key.key,
    isKeyNotHashed: key.isKeyNotHashed,
    previousKey: key.previousKey,
    previousKeyExpiresAt: key.previousKeyExpiresAt?.toISOString() ?? null,
    tags: key.tags,
    revoked: key.revoked,
    revokedReason: key.revokedReason,
    settingIds: key.settingIds,
    allowedPaths: key.allowedPaths,
    shouldLogRequest: key.shouldLogRequest,
    shouldLogResponse: key.shouldLogResponse,
    rotationEnabled: key.rotationEnabled,
    policyId: key.policyId,
    limits: toKeyLimits(key.limits),
  };
}

export function toProviderSettingSnapshot(setting: ProviderSettingEntity): ProviderSettingSnapshot {
  return {
    id: setting.id,
    name: setting.name,
    provider: setting.provider,
    setting: setting.setting,
    encryptedSecrets: setting.secretsCiphertext,
    allowedModels: setting.allowedModels,
    costMap: setting.costMap,
  };
}

export function toUserSnapshot(user: UserEntity): UserSnapshot {
  return {
    id: user.id,
    userId: user.userId,
    name: user.name,
    tags: user.tags,
    keyIds: user.keyIds,
    revoked: user.revoked,
    revokedReason: user.revokedReason,
    allowedPaths: user.allowedPaths,
    allowedModels: user.allowedModels,
    limits: toKeyLimits(user.limits),
  };
}

export function toPolicySnapshot(policy: PolicyEntity): PolicySnapshot {
  return {
    id: policy.id,
    name: policy.name,
    tags: policy.tags,
    config: policy.config,
    regexConfig: policy.regexConfig,
    customConfig: policy.customConfig,
  };
}

export function toCustomProviderSnapshot(provider: CustomProviderEntity): CustomProviderSnapshot {
  return {
    id: provider.id,
    provider: provider.provider,
    authentication_param: provider.authenticationParam,
    route_configs: provider.routeConfigs,
  };
}

export function toRouteSnapshot(route: RouteEntity): RouteSnapshot {
  return {
    id: route.id,
    name: route.name,
    path: route.path,
    keyIds: route.keyIds,
    steps: route.steps,
    cacheConfig: route.cacheConfig,
    retryStrategy: route.retryStrategy,
    strategy: route.strategy,
    requestFormat: route.requestFormat,
  };
}

export function toPriceSnapshot(price: PriceEntity): PriceSnapshot {
  return { key: price.key, provider: price.provider, mode: price.mode, model: price.model, ...price.prices };
}
