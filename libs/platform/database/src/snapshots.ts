import type { KeySnapshot, ProviderSettingSnapshot } from '@tollgate/contracts';
import type { KeyEntity } from './entities/key.entity';
import type { ProviderSettingEntity } from './entities/provider-setting.entity';

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
    limits: {
      costLimitMicroUsd: key.costLimitMicroUsd,
      rateLimits: key.rateLimits,
      costLimits: key.costLimits,
      expiresAt: key.expiresAt?.toISOString() ?? null,
    },
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
