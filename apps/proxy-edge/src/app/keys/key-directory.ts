import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { KeyEntity, ProviderSettingEntity } from '@tollgate/platform-database';

export interface GatewayKey {
  keyId: string;
  tags: string[];
  revoked: boolean;
  settingIds: string[];
}

export interface ProviderSettingView {
  id: string;
  provider: string;
  setting: Record<string, string>;
  secrets: Record<string, string>;
}

// Looks keys and provider settings up in PostgreSQL on each request. Walking-skeleton stage: the
// config-push read model (outbox + compacted topic) replaces these queries.
@Injectable()
export class KeyDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByRawKey(raw: string): Promise<GatewayKey | null> {
    const hash = createHash('sha256').update(raw, 'utf8').digest('hex');
    const rows = await this.dataSource.getRepository(KeyEntity).find({ where: { key: In([hash, raw]) } });
    // A hashed key matches only its hash; an unhashed key matches only its raw value.
    const row = rows.find((r) => (r.isKeyNotHashed ? r.key === raw : r.key === hash));
    return row
      ? { keyId: row.keyId, tags: row.tags, revoked: row.revoked, settingIds: row.settingIds }
      : null;
  }

  async settings(ids: readonly string[]): Promise<ProviderSettingView[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ProviderSettingEntity)
      .find({ where: { id: In([...ids]) } });
    // Keep the key's own order: "the first compatible setting" means first in settingIds.
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id: r.id, provider: r.provider, setting: r.setting, secrets: r.secrets }] : [];
    });
  }
}
