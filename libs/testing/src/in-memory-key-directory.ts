import type { KeySnapshot, UserSnapshot } from '@tollgate/contracts';
import { makeKey, makeUser, type KeyOverrides, type UserOverrides } from './config-factories';

// A provider setting as the proxy uses it, secrets already opened.
export interface TestProviderSetting {
  id: string;
  provider: string;
  setting: Record<string, string>;
  secrets: Record<string, string>;
  allowedModels: string[];
  costMap: Record<string, unknown> | null;
}

type SettingInput = Omit<TestProviderSetting, 'allowedModels' | 'costMap'> &
  Partial<Pick<TestProviderSetting, 'allowedModels' | 'costMap'>>;

// Keys, users and provider settings in memory: the proxy's lookups without PostgreSQL and Kafka.
export class InMemoryKeyDirectory {
  private readonly keys = new Map<string, KeySnapshot>();
  private readonly settingsById = new Map<string, TestProviderSetting>();
  private readonly users: UserSnapshot[] = [];

  // `raw`: the secret a client sends.
  addKey(raw: string, key: KeyOverrides & Pick<KeySnapshot, 'keyId'>): KeySnapshot {
    const snapshot = makeKey({ ...key, key: raw });
    this.keys.set(raw, snapshot);
    return snapshot;
  }

  addSetting(setting: SettingInput): void {
    this.settingsById.set(setting.id, { allowedModels: [], costMap: null, ...setting });
  }

  addUser(user: UserOverrides & Pick<UserSnapshot, 'id' | 'userId'>): UserSnapshot {
    const snapshot = makeUser(user);
    this.users.push(snapshot);
    return snapshot;
  }

  findByRawKey(raw: string): KeySnapshot | null {
    return this.keys.get(raw) ?? null;
  }

  settings(ids: readonly string[]): TestProviderSetting[] {
    return ids.flatMap((id) => this.settingsById.get(id) ?? []);
  }

  // As the read model binds them: the body's user id, among users carrying every tag of the key (a key
  // without tags binds to no one).
  userFor(userId: string, keyTags: readonly string[]): UserSnapshot | null {
    if (!userId || keyTags.length === 0) return null;
    const matches = this.users.filter((u) => u.userId === userId && keyTags.every((t) => u.tags.includes(t)));
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }
}
