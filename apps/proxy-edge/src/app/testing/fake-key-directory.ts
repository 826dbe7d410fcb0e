import type { KeyLimits, UserSnapshot } from '@tollgate/contracts';
import type { GatewayKey, ProviderSettingView } from '../keys/key-directory';

export const NO_LIMITS: KeyLimits = {
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  expiresAt: null,
};

type KeyInput = Pick<GatewayKey, 'keyId'> &
  Partial<Omit<GatewayKey, 'limits'>> & { limits?: Partial<KeyLimits> };
type SettingInput = Omit<ProviderSettingView, 'allowedModels' | 'costMap'> &
  Partial<Pick<ProviderSettingView, 'allowedModels' | 'costMap'>>;
type UserInput = Pick<UserSnapshot, 'id' | 'userId'> &
  Partial<Omit<UserSnapshot, 'limits'>> & {
    limits?: Partial<KeyLimits>;
  };

// A key directory in memory, for tests of the proxy's rules without PostgreSQL and Kafka.
export class FakeKeyDirectory {
  private readonly keys = new Map<string, GatewayKey>();
  private readonly settingsById = new Map<string, ProviderSettingView>();
  private readonly users: UserSnapshot[] = [];

  addKey(raw: string, key: KeyInput): void {
    this.keys.set(raw, {
      name: key.keyId,
      key: raw,
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
      ...key,
      limits: { ...NO_LIMITS, ...key.limits },
    });
  }

  addSetting(setting: SettingInput): void {
    this.settingsById.set(setting.id, { allowedModels: [], costMap: null, ...setting });
  }

  addUser(user: UserInput): void {
    this.users.push({
      name: user.userId,
      tags: [],
      keyIds: [],
      revoked: false,
      revokedReason: '',
      allowedPaths: [],
      allowedModels: [],
      ...user,
      limits: { ...NO_LIMITS, ...user.limits },
    });
  }

  findByRawKey(raw: string): GatewayKey | null {
    return this.keys.get(raw) ?? null;
  }

  settings(ids: readonly string[]): ProviderSettingView[] {
    return ids.flatMap((id) => this.settingsById.get(id) ?? []);
  }

  userFor(userId: string, keyTags: readonly string[]): UserSnapshot | null {
    const matches = this.users.filter((u) => u.userId === userId && keyTags.every((t) => u.tags.includes(t)));
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }
}
