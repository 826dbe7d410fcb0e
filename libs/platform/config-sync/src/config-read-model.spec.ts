import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KeySnapshot, UserSnapshot } from '@tollgate/contracts';
import { ConfigReadModel } from './config-read-model';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const T0 = new Date('2026-11-24T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function makeKey(overrides: Partial<KeySnapshot> = {}): KeySnapshot {
  return {
    keyId: 'k1',
    name: 'key',
    key: sha('secret-1'),
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
    limits: {
      costLimitMicroUsd: null,
      rateLimits: [],
      costLimits: [],
      tokenLimits: [],
      maxInFlightRequests: null,
      endStreamsAtLimit: false,
      expiresAt: null,
    },
    ...overrides,
  };
}

describe(ConfigReadModel.name, () => {
  it('finds a hashed key by its secret and an unhashed key by its raw value only', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({
      takenAt: T0,
      keys: [
        { version: 1, data: makeKey() },
        { version: 1, data: makeKey({ keyId: 'k2', key: 'raw-secret', isKeyNotHashed: true }) },
      ],
      settings: [],
    });
    expect(model.findKey('secret-1')?.keyId).toBe('k1');
    // Presenting the stored hash itself must not authenticate a hashed key.
    expect(model.findKey(sha('secret-1'))).toBeNull();
    expect(model.findKey('raw-secret')?.keyId).toBe('k2');
    expect(model.findKey('other')).toBeNull();
  });

  it('applies newer versions and ignores replayed older ones', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 2, data: makeKey() }], settings: [] });
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: 'k1',
      version: 1,
      occurredAt: later(-5000),
      data: makeKey({ revoked: true }),
    });
    expect(model.findKey('secret-1')?.revoked).toBe(false);
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: 'k1',
      version: 3,
      occurredAt: later(10),
      data: makeKey({ revoked: true }),
    });
    expect(model.findKey('secret-1')?.revoked).toBe(true);
  });

  it('drops a deleted key and its lookup entry', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 1, data: makeKey() }], settings: [] });
    model.apply({ op: 'delete', entity: 'key', id: 'k1' });
    expect(model.findKey('secret-1')).toBeNull();
    expect(model.key('k1')).toBeNull();
  });

  it('does not resurrect a deleted key when an older change of it arrives after the delete (topic behind the poll)', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 1, data: makeKey() }], settings: [] });
    // The change-log poll has seen the update and the delete; the topic then delivers the update late.
    model.apply({ op: 'delete', entity: 'key', id: 'k1', version: 3 });
    model.apply({ op: 'upsert', entity: 'key', id: 'k1', version: 2, occurredAt: later(5), data: makeKey() });
    expect(model.findKey('secret-1')).toBeNull();
    // A tombstone without a version (Kafka's) remembers the version held when it arrived.
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 4, data: makeKey() }], settings: [] });
    model.apply({ op: 'delete', entity: 'key', id: 'k1' });
    model.apply({ op: 'upsert', entity: 'key', id: 'k1', version: 4, occurredAt: later(5), data: makeKey() });
    expect(model.findKey('secret-1')).toBeNull();
  });

  it('does not resurrect an entity deleted before the snapshot when the topic replays its creation', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [], settings: [] });
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: 'k1',
      version: 1,
      occurredAt: later(-60_000),
      data: makeKey(),
    });
    expect(model.findKey('secret-1')).toBeNull();
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: 'k9',
      version: 1,
      occurredAt: later(1),
      data: makeKey({ keyId: 'k9', key: sha('new') }),
    });
    expect(model.findKey('new')?.keyId).toBe('k9');
  });

  it('keeps a rotated-out key working until its grace period ends, then only the new one', () => {
    const model = new ConfigReadModel();
    const rotated = makeKey({
      key: sha('secret-2'),
      previousKey: sha('secret-1'),
      previousKeyExpiresAt: later(60_000).toISOString(),
    });
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 2, data: rotated }], settings: [] });
    expect(model.findKey('secret-1', later(59_999))?.keyId).toBe('k1');
    expect(model.findKey('secret-1', later(60_000))).toBeNull();
    expect(model.findKey('secret-2', later(120_000))?.keyId).toBe('k1');
  });

  it('replaces the lookup entry when a key value changes', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [{ version: 1, data: makeKey() }], settings: [] });
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: 'k1',
      version: 2,
      occurredAt: later(1),
      data: makeKey({ key: sha('secret-3') }),
    });
    expect(model.findKey('secret-1')).toBeNull();
    expect(model.findKey('secret-3')?.keyId).toBe('k1');
  });

  it('binds a user by user id and the key’s tags, and follows user changes and deletes', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [], settings: [] });
    const user = (id: string, tags: string[]): UserSnapshot => ({
      id,
      userId: 'ann',
      name: 'ann',
      tags,
      keyIds: [],
      revoked: false,
      revokedReason: '',
      allowedPaths: [],
      allowedModels: [],
      limits: makeKey().limits,
    });
    const upsert = (data: UserSnapshot, version: number) =>
      model.apply({ op: 'upsert', entity: 'user', id: data.id, version, occurredAt: later(version), data });
    upsert(user('u1', ['team-a', 'org']), 1);
    expect(model.userFor('ann', ['team-a'])?.id).toBe('u1');
    expect(model.userFor('ann', ['team-b'])).toBeNull();
    expect(model.userFor('bob', ['org'])).toBeNull();
    // Two users match a key tagged only `org`: BricksLLM binds only when exactly one does.
    upsert(user('u2', ['team-b', 'org']), 1);
    expect(model.userFor('ann', ['org'])).toBeNull();
    upsert(user('u2', ['team-c', 'org']), 2);
    expect(model.userFor('ann', ['team-c'])?.id).toBe('u2');
    model.apply({ op: 'delete', entity: 'user', id: 'u1' });
    expect(model.userFor('ann', ['org'])?.id).toBe('u2');
  });

  it('binds no user to a key without tags, even when one user has this user id', () => {
    const model = new ConfigReadModel();
    model.loadSnapshot({ takenAt: T0, keys: [], settings: [] });
    const data: UserSnapshot = {
      id: 'u1',
      userId: 'ann',
      name: 'ann',
      tags: ['team-a'],
      keyIds: [],
      revoked: false,
      revokedReason: '',
      allowedPaths: [],
      allowedModels: [],
      limits: makeKey().limits,
    };
    model.apply({ op: 'upsert', entity: 'user', id: 'u1', version: 1, occurredAt: later(1), data });
    expect(model.userFor('ann', ['team-a'])?.id).toBe('u1');
    // "every tag of the key" is vacuously true for no tags: that must not hand the key this user's limits.
    expect(model.userFor('ann', [])).toBeNull();
  });
});
