import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SecretBox } from '@tollgate/platform-config';
import type { UserSnapshot } from '@tollgate/contracts';
import { ConfigReadModel, UnknownKeyLookup } from '@tollgate/platform-config-sync';
import type { GatewayKey, ProviderSettingView } from '../request/request-context';

// What the request path looks up: keys, users and provider settings (the read model here, memory in tests).
export interface KeyLookup {
  // At once from memory; a promise only for a key looked up at its source.
  findByRawKey(raw: string): GatewayKey | null | Promise<GatewayKey | null>;
  userFor(userId: string, keyTags: readonly string[]): UserSnapshot | null;
  settings(ids: readonly string[]): ProviderSettingView[];
}

export const SECRET_BOX = Symbol('SECRET_BOX');

// Keys and provider settings for the hot path, from the in-memory read model: no database or network call
// per request for a known key (an unknown one is looked up once, rate-limited: UnknownKeyLookup). Provider
// secrets are opened once per sealed value, not per request.
@Injectable()
export class KeyDirectory implements KeyLookup {
  private readonly opened = new Map<string, Record<string, string>>();

  constructor(
    private readonly model: ConfigReadModel,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Optional() @Inject(UnknownKeyLookup) private readonly unknownKeys: UnknownKeyLookup | null = null,
  ) {}

  findByRawKey(raw: string): GatewayKey | null | Promise<GatewayKey | null> {
    return this.model.findKey(raw) ?? this.unknownKeys?.find(raw) ?? null;
  }

  // The user a request is bound to: the body's user id, among users whose tags include all the key's tags.
  userFor(userId: string, keyTags: readonly string[]): UserSnapshot | null {
    return userId ? this.model.userFor(userId, keyTags) : null;
  }

  // In the key's own order: "the first compatible setting" means first in settingIds.
  settings(ids: readonly string[]): ProviderSettingView[] {
    return ids.flatMap((id) => {
      const setting = this.model.setting(id);
      if (!setting) return [];
      return [
        {
          id,
          provider: setting.provider,
          setting: setting.setting,
          secrets: this.open(setting.encryptedSecrets),
          allowedModels: setting.allowedModels,
          costMap: setting.costMap,
        },
      ];
    });
  }

  private open(sealed: string): Record<string, string> {
    if (!sealed) return {};
    let secrets = this.opened.get(sealed);
    if (!secrets) {
      secrets = this.secretBox.open(sealed);
      if (this.opened.size > 10_000) this.opened.clear();
      this.opened.set(sealed, secrets);
    }
    return secrets;
  }
}
