import { createHash } from 'node:crypto';
import type { ConfigEntity, KeySnapshot, ProviderSettingSnapshot } from '@tollgate/contracts';

interface Versioned<T> {
  version: number;
  data: T;
}

export interface ConfigSnapshot {
  // The database clock when the snapshot was read (outbox timestamps use the same clock).
  takenAt: Date;
  keys: Versioned<KeySnapshot>[];
  settings: Versioned<ProviderSettingSnapshot>[];
}

export type ConfigChange =
  | { op: 'upsert'; entity: 'key'; id: string; version: number; occurredAt: Date; data: KeySnapshot }
  | {
      op: 'upsert';
      entity: 'provider_setting';
      id: string;
      version: number;
      occurredAt: Date;
      data: ProviderSettingSnapshot;
    }
  | { op: 'delete'; entity: ConfigEntity; id: string };

// The in-memory view of keys and provider settings every service reads on its hot path: a PostgreSQL snapshot
// at boot, then changes from the compacted config topic. A change applies only when it is newer than what
// is held, so replaying the topic from the beginning never rolls anything back.
export class ConfigReadModel {
  private readonly keys = new Map<string, Versioned<KeySnapshot>>();
  // Stored key value (hash, raw, or a rotated-out previous value) → keyId.
  private readonly keyIdByValue = new Map<string, string>();
  private readonly settings = new Map<string, Versioned<ProviderSettingSnapshot>>();
  private snapshotAt = new Date(0);

  loadSnapshot(snapshot: ConfigSnapshot): void {
    this.keys.clear();
    this.keyIdByValue.clear();
    this.settings.clear();
    this.snapshotAt = snapshot.takenAt;
    for (const key of snapshot.keys) this.putKey(key);
    for (const setting of snapshot.settings) this.settings.set(setting.data.id, setting);
  }

  apply(change: ConfigChange): void {
    if (change.op === 'delete') {
      if (change.entity === 'key') this.removeKey(change.id);
      else this.settings.delete(change.id);
      return;
    }
    const held = change.entity === 'key' ? this.keys.get(change.id) : this.settings.get(change.id);
    if (held ? change.version <= held.version : change.occurredAt < this.snapshotAt) {
      // Older than what is held, or an entity created and deleted before the snapshot was taken.
      return;
    }
    if (change.entity === 'key') this.putKey({ version: change.version, data: change.data });
    else this.settings.set(change.id, { version: change.version, data: change.data });
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

  key(keyId: string): KeySnapshot | null {
    return this.keys.get(keyId)?.data ?? null;
  }

  setting(id: string): ProviderSettingSnapshot | null {
    return this.settings.get(id)?.data ?? null;
  }

  get size(): { keys: number; settings: number } {
    return { keys: this.keys.size, settings: this.settings.size };
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
