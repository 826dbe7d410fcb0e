import { randomUUID } from 'node:crypto';
import type { KeyLimits, KeySnapshot, RouteSnapshot, UserSnapshot } from '@tollgate/contracts';

// A key or user with no limit of any kind.
export const NO_LIMITS: KeyLimits = {
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  expiresAt: null,
};

export type KeyOverrides = Partial<Omit<KeySnapshot, 'limits'>> & { limits?: Partial<KeyLimits> };
export type UserOverrides = Partial<Omit<UserSnapshot, 'limits'>> & { limits?: Partial<KeyLimits> };

// A key as the read models hold it: unrevoked, no settings, no limits, unless overridden. Ids are unique by
// default: tests share Redis, whose counters are keyed by id.
export function makeKey(overrides: KeyOverrides = {}): KeySnapshot {
  const keyId = overrides.keyId ?? randomUUID();
  return {
    keyId,
    name: keyId,
    key: `raw-${keyId}`,
    isKeyNotHashed: true,
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
    ...overrides,
    limits: { ...NO_LIMITS, ...overrides.limits },
  };
}

// A user as the read models hold it: unrevoked, no tags, no limits, unless overridden.
export function makeUser(overrides: UserOverrides = {}): UserSnapshot {
  const userId = overrides.userId ?? 'user-1';
  return {
    id: randomUUID(),
    userId,
    name: userId,
    tags: [],
    keyIds: [],
    revoked: false,
    revokedReason: '',
    allowedPaths: [],
    allowedModels: [],
    ...overrides,
    limits: { ...NO_LIMITS, ...overrides.limits },
  };
}

export type RouteOverrides = Partial<Omit<RouteSnapshot, 'steps'>> & {
  steps?: (Partial<RouteSnapshot['steps'][number]> &
    Pick<RouteSnapshot['steps'][number], 'provider' | 'model'>)[];
};

// A route as the read model holds it: one OpenAI step, no retries, no cache, unless overridden.
export function makeRoute(overrides: RouteOverrides = {}): RouteSnapshot {
  const steps = (overrides.steps ?? [{ provider: 'openai', model: 'gpt-4o-mini' }]).map((step) => ({
    weight: 1,
    retries: 0,
    retryInterval: '10ms',
    timeout: '5s',
    params: {},
    requestParams: {},
    ...step,
  }));
  return {
    id: 'route-1',
    name: 'a route',
    path: '/chat',
    keyIds: [],
    cacheConfig: { enabled: false, ttl: '168h', shared: false },
    retryStrategy: 'constant',
    strategy: 'fallback',
    requestFormat: '',
    ...overrides,
    steps,
  };
}
