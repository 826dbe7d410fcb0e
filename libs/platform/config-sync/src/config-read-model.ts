import { createHash } from 'node:crypto';
import type {
  ConfigEntity,
  KeySnapshot,
  CustomProviderSnapshot,
  PolicySnapshot,
  PriceSnapshot,
  ProviderSettingSnapshot,
  RouteSnapshot,
  UserSnapshot,
} from '@tollgate/contracts';

interface Versioned<T> {
  version: number;
  data: T;
}

export interface EntityData {
  key: KeySnapshot;
  provider_setting: ProviderSettingSnapshot;
  user: UserSnapshot;
  policy: PolicySnapshot;
  custom_provider: CustomProviderSnapshot;
  route: RouteSnapshot;
  price: PriceSnapshot;
}

export interface ConfigSnapshot {
  // The database clock when the snapshot was read (outbox timestamps use the same clock).
  takenAt: Date;
  keys: Versioned<KeySnapshot>[];
  settings: Versioned<ProviderSettingSnapshot>[];
  users?: Versioned<UserSnapshot>[];
  policies?: Versioned<PolicySnapshot>[];
  customProviders?: Versioned<CustomProviderSnapshot>[];
  routes?: Versioned<RouteSnapshot>[];
  prices?: Versioned<PriceSnapshot>[];
}

type Upsert<E extends ConfigEntity> = {
  op: 'upsert';
  entity: E;
  id: string;
  version: number;
  occurredAt: Date;
  data: EntityData[E];
};
// A delete's version is known when it comes from PostgreSQL (the change log), not from a Kafka tombstone.
export type ConfigChange =
  | { [E in ConfigEntity]: Upsert<E> }[ConfigEntity]
  | { op: 'delete'; entity: ConfigEntity; id: string; version?: number };

// The in-memory view of keys and provider settings every service reads on its hot path: a PostgreSQL snapshot
// at boot, then changes from the compacted config topic. A change applies only when it is newer than what
// is held, so replaying the topic from the beginning never rolls anything back.
export class ConfigReadModel {
  private readonly keys = new Map<string, Versioned<KeySnapshot>>();
  // Stored key value (hash, raw, or a rotated-out previous value) → keyId.
  private readonly keyIdByValue = new Map<string, string>();
  private readonly settings = new Map<string, Versioned<ProviderSettingSnapshot>>();
  private readonly users = new Map<string, Versioned<UserSnapshot>>();
  private readonly policies = new Map<string, Versioned<PolicySnapshot>>();
  private readonly customProviders = new Map<string, Versioned<CustomProviderSnapshot>>();
  private readonly routes = new Map<string, Versioned<RouteSnapshot>>();
  private readonly prices = new Map<string, Versioned<PriceSnapshot>>();
  // Bumped on every price change, so a reader can rebuild what it derives from the catalog only when needed.
  pricesRevision = 0;
  // Users by their external user id, rebuilt only after a user change: the proxy looks one up per request.
  private usersByUserId = new Map<string, UserSnapshot[]>();
  private usersRevision = 0;
  private indexedUsersRevision = -1;
  private snapshotAt = new Date(0);
  // The last version of each entity deleted since the snapshot: changes reach the model from the topic, the
  // change-log poll and unknown-key lookups, so an older upsert may arrive after the delete.
  private readonly removedVersions = new Map<string, number>();

  loadSnapshot(snapshot: ConfigSnapshot): void {
    this.keys.clear();
    this.keyIdByValue.clear();
    this.settings.clear();
    this.users.clear();
    this.policies.clear();
    this.customProviders.clear();
    this.routes.clear();
    this.prices.clear();
    this.pricesRevision += 1;
    this.usersRevision += 1;
    this.snapshotAt = snapshot.takenAt;
    this.removedVersions.clear();
    for (const key of snapshot.keys) this.putKey(key);
    for (const setting of snapshot.settings) this.settings.set(setting.data.id, setting);
    for (const user of snapshot.users ?? []) this.users.set(user.data.id, user);
    for (const policy of snapshot.policies ?? []) this.policies.set(policy.data.id, policy);
    for (const provider of snapshot.customProviders ?? [])
      this.customProviders.set(provider.data.id, provider);
    for (const route of snapshot.routes ?? []) this.routes.set(route.data.id, route);
    for (const price of snapshot.prices ?? []) this.prices.set(price.data.key, price);
  }

  apply(change: ConfigChange): void {
    const held = this.held(change.entity, change.id);
    if (change.op === 'delete') return this.remove(change, held);
    const removed = this.removedVersions.get(`${change.entity}:${change.id}`);
    if (removed !== undefined && change.version <= removed) return;
    if (held ? change.version <= held.version : change.occurredAt < this.snapshotAt) {
      // Older than what is held, or an entity created and deleted before the snapshot was taken.
      return;
    }
    switch (change.entity) {
      case 'key':
        return this.putKey({ version: change.version, data: change.data });
      case 'provider_setting':
        return void this.settings.set(change.id, { version: change.version, data: change.data });
      case 'user':
        this.usersRevision += 1;
        return void this.users.set(change.id, { version: change.version, data: change.data });
      case 'policy':
        return void this.policies.set(change.id, { version: change.version, data: change.data });
      case 'custom_provider':
        return void this.customProviders.set(change.id, { version: change.version, data: change.data });
      case 'route':
        return void this.routes.set(change.id, { version: change.version, data: change.data });
      case 'price':
        this.pricesRevision += 1;
        return void this.prices.set(change.id, { version: change.version, data: change.data });
    }
  }

  // The version an entity had when it was deleted, so a late upsert of it is not taken as a creation.
  private remove(
    change: Extract<ConfigChange, { op: 'delete' }>,
    held: Versioned<unknown> | undefined,
  ): void {
    const removedKey = `${change.entity}:${change.id}`;
    const version = Math.max(
      change.version ?? 0,
      held?.version ?? 0,
      this.removedVersions.get(removedKey) ?? 0,
    );
    this.removedVersions.set(removedKey, version);
    if (change.entity === 'key') this.removeKey(change.id);
    else this.storeOf(change.entity).delete(change.id);
    if (change.entity === 'price') this.pricesRevision += 1;
    if (change.entity === 'user') this.usersRevision += 1;
  }

  private held(entity: ConfigEntity, id: string): Versioned<unknown> | undefined {
    return entity === 'key' ? this.keys.get(id) : this.storeOf(entity).get(id);
  }

  private storeOf(entity: Exclude<ConfigEntity, 'key'>): Map<string, Versioned<unknown>> {
    switch (entity) {
      case 'provider_setting':
        return this.settings;
      case 'user':
        return this.users;
      case 'policy':
        return this.policies;
      case 'custom_provider':
        return this.customProviders;
      case 'route':
        return this.routes;
      case 'price':
        return this.prices;
    }
  }

  // Finds the key a client presented: by its sha256 (hashed keys) or as is (isKeyNotHashed), including a
  // rotated-out value still inside its grace period.
  findKey(presented: string, now: Date = new Date()): KeySnapshot | null {
    const hash = createHash('sha256').update(presented, 'utf8').digest('hex');
    for (const candidate of [hash, presented]) {
      const key = this.keys.get(this.keyIdByValue.get(candidate) ?? '')?.data;
      if (!key) continue;
      const hashedMatch = !key.isKeyNotHashed && candidate === hash;
      const rawMatch = key.isKeyNotHashed && candidate === presented;
      if (!hashedMatch && !rawMatch) continue;
      if (key.key === candidate) return key;
      const graceEnds = key.previousKeyExpiresAt ? new Date(key.previousKeyExpiresAt) : null;
      if (key.previousKey === candidate && graceEnds && now < graceEnds) return key;
    }
    return null;
  }

  allKeys(): KeySnapshot[] {
    return [...this.keys.values()].map((k) => k.data);
  }

  allPrices(): PriceSnapshot[] {
    return [...this.prices.values()].map((p) => p.data);
  }

  allUsers(): UserSnapshot[] {
    return [...this.users.values()].map((u) => u.data);
  }

  user(id: string): UserSnapshot | null {
    return this.users.get(id)?.data ?? null;
  }

  key(keyId: string): KeySnapshot | null {
    return this.keys.get(keyId)?.data ?? null;
  }

  setting(id: string): ProviderSettingSnapshot | null {
    return this.settings.get(id)?.data ?? null;
  }

  policy(id: string): PolicySnapshot | null {
    return this.policies.get(id)?.data ?? null;
  }

  customProvider(name: string): CustomProviderSnapshot | null {
    for (const { data } of this.customProviders.values()) if (data.provider === name) return data;
    return null;
  }

  route(path: string): RouteSnapshot | null {
    for (const { data } of this.routes.values()) if (data.path === path) return data;
    return null;
  }

  // BricksLLM binds a request to the user with this user id whose tags include all of the key's tags. A key
  // without tags binds to no one: "every tag of none" would match every user with this user id.
  userFor(userId: string, keyTags: readonly string[]): UserSnapshot | null {
    if (keyTags.length === 0) return null;
    const matches = (this.usersIndex().get(userId) ?? []).filter((u) =>
      keyTags.every((tag) => u.tags.includes(tag)),
    );
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  private usersIndex(): Map<string, UserSnapshot[]> {
    if (this.indexedUsersRevision !== this.usersRevision) {
      this.usersByUserId = new Map();
      for (const { data } of this.users.values())
        this.usersByUserId.set(data.userId, [...(this.usersByUserId.get(data.userId) ?? []), data]);
      this.indexedUsersRevision = this.usersRevision;
    }
    return this.usersByUserId;
  }

  get size(): { keys: number; settings: number; users: number; policies: number } {
    return {
      keys: this.keys.size,
      settings: this.settings.size,
      users: this.users.size,
      policies: this.policies.size,
    };
  }

  private putKey(key: Versioned<KeySnapshot>): void {
    this.removeKey(key.data.keyId);
    this.keys.set(key.data.keyId, key);
    this.keyIdByValue.set(key.data.key, key.data.keyId);
    if (key.data.previousKey) this.keyIdByValue.set(key.data.previousKey, key.data.keyId);
  }

  private removeKey(keyId: string): void {
    const held = this.keys.get(keyId)?.data;
    if (!held) return;
    this.keys.delete(keyId);
    if (this.keyIdByValue.get(held.key) === keyId) this.keyIdByValue.delete(held.key);
    if (held.previousKey && this.keyIdByValue.get(held.previousKey) === keyId)
      this.keyIdByValue.delete(held.previousKey);
  }
}
