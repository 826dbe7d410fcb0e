import { Inject, Injectable } from '@nestjs/common';
import type { SecretBox } from '@tollgate/platform-config';
import { ConfigReadModel } from '@tollgate/platform-config-sync';

export interface GatewayKey {
  keyId: string;
  tags: string[];
  revoked: boolean;
  settingIds: string[];
  // Spread requests over all of the key's settings for a provider (e.g. several provider accounts).
  rotationEnabled: boolean;
}

export interface ProviderSettingView {
  id: string;
  provider: string;
  setting: Record<string, string>;
  secrets: Record<string, string>;
}

export const SECRET_BOX = Symbol('SECRET_BOX');

// Keys and provider settings for the hot path, from the in-memory read model: no database or network call
// per request. Provider secrets are opened once per sealed value, not per request.
@Injectable()
export class KeyDirectory {
  private readonly opened = new Map<string, Record<string, string>>();

  constructor(
    private readonly model: ConfigReadModel,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
  ) {}

  findByRawKey(raw: string): GatewayKey | null {
    const key = this.model.findKey(raw);
    return key
      ? {
          keyId: key.keyId,
          tags: key.tags,
          revoked: key.revoked,
          settingIds: key.settingIds,
          rotationEnabled: key.rotationEnabled,
        }
      : null;
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
