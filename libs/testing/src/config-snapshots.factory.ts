import { randomUUID } from 'node:crypto';
import type { KeyLimits, KeySnapshot, UserSnapshot } from '@tollgate/contracts';

// Test data for read models: an unlimited, unrevoked key or user with an id of its own (tests share Redis,
// whose counters are keyed by id), changed by the overrides.
export function makeKeyLimits(overrides: Partial<KeyLimits> = {}): KeyLimits {
  return {
    costLimitMicroUsd: null,
    rateLimits: [],
    costLimits: [],
    tokenLimits: [],
    maxInFlightRequests: null,
    endStreamsAtLimit: false,
    expiresAt: null,
    ...overrides,
  };
}

export function makeKeySnapshot(
  overrides: Omit<Partial<KeySnapshot>, 'limits'> & { limits?: Partial<KeyLimits> } = {},
): KeySnapshot {
  const { limits, ...fields } = overrides;
  return {
    keyId: randomUUID(),
    name: 'key',
    key: `hash-${randomUUID()}`,
    isKeyNotHashed: false,
    previousKey: null,
    previousKeyExpiresAt: null,
    tags: [],
    revoked: false,
    revokedReason: '',
    settingIds: [],
    allowedPaths: [],
    shouldLogRequest: false,
    shouldLogResponse: false,
    rotationEnabled: false,
    policyId: null,
    ...fields,
    limits: makeKeyLimits(limits),
  };
}

export function makeUserSnapshot(
  overrides: Omit<Partial<UserSnapshot>, 'limits'> & { limits?: Partial<KeyLimits> } = {},
): UserSnapshot {
  const { limits, ...fields } = overrides;
  return {
    id: randomUUID(),
    userId: 'user',
    name: 'user',
    tags: [],
    keyIds: [],
    revoked: false,
    revokedReason: '',
    allowedPaths: [],
    allowedModels: [],
    ...fields,
    limits: makeKeyLimits(limits),
  };
}
