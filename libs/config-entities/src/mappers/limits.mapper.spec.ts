import { describe, expect, it } from 'vitest';
import { KeySnapshotSchema, UserSnapshotSchema } from '@tollgate/contracts';
import { KeyEntity } from '../entities/key.entity';
import { LimitColumns } from '../entities/limit-columns.embedded';
import { UserEntity } from '../entities/user.entity';
import { toKeyLimits } from './limits.mapper';
import { toKeySnapshot, toUserSnapshot } from './snapshots.mapper';

const limits = (): LimitColumns =>
  Object.assign(new LimitColumns(), {
    costLimitMicroUsd: 250_000,
    rateLimits: [{ limit: 2, unit: 'm' as const }],
    costLimits: [{ limitMicroUsd: 1_000_000, unit: 'd' as const }],
    tokenLimits: [{ limit: 100_000, unit: 'h' as const }],
    maxInFlightRequests: 4,
    endStreamsAtLimit: true,
    ttl: '24h',
    expiresAt: new Date('2026-11-25T10:00:00.000Z'),
  });

describe(toKeyLimits.name, () => {
  it('maps the limit columns to the limits the limiter reads, the expiry as an ISO instant', () => {
    expect(toKeyLimits(limits())).toEqual({
      costLimitMicroUsd: 250_000,
      rateLimits: [{ limit: 2, unit: 'm' }],
      costLimits: [{ limitMicroUsd: 1_000_000, unit: 'd' }],
      tokenLimits: [{ limit: 100_000, unit: 'h' }],
      maxInFlightRequests: 4,
      endStreamsAtLimit: true,
      expiresAt: '2026-11-25T10:00:00.000Z',
    });
  });

  it('keeps a subject without limits unlimited', () => {
    const none = Object.assign(new LimitColumns(), {
      costLimitMicroUsd: null,
      rateLimits: [],
      costLimits: [],
      tokenLimits: [],
      maxInFlightRequests: null,
      endStreamsAtLimit: false,
      ttl: '',
      expiresAt: null,
    });
    expect(toKeyLimits(none)).toMatchObject({
      costLimitMicroUsd: null,
      maxInFlightRequests: null,
      expiresAt: null,
    });
  });

  it('gives a key and a user with the same limit columns the same limits in their snapshots', () => {
    const key = Object.assign(new KeyEntity(), {
      keyId: '5f2b0c1e-8a9d-4e3f-b2a1-0c9d8e7f6a5b',
      name: 'k',
      key: 'hash',
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
      limits: limits(),
    });
    const user = Object.assign(new UserEntity(), {
      id: '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f',
      userId: 'ann',
      name: 'ann',
      tags: [],
      keyIds: [],
      revoked: false,
      revokedReason: '',
      allowedPaths: [],
      allowedModels: [],
      limits: limits(),
    });
    const keySnapshot = KeySnapshotSchema.parse(toKeySnapshot(key));
    const userSnapshot = UserSnapshotSchema.parse(toUserSnapshot(user));
    expect(keySnapshot.limits).toEqual(toKeyLimits(limits()));
    expect(userSnapshot.limits).toEqual(keySnapshot.limits);
  });
});
