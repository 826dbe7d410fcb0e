import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toKeySnapshot, type KeyEntity } from '@tollgate/config-entities';
import type { RevocationReason } from '@tollgate/contracts';
import { AdminException } from '../errors/admin.exception';
import { recordConfigChange } from '../outbox/config-outbox';
import { ConfigTransaction } from '../outbox/config-transaction';
import { PoliciesRepository } from '../policies/policies.repository';
import { revocationDue } from '../revocations/revocation-due';
import { ProviderSettingsRepository } from '../provider-settings/provider-settings.repository';
import type { CreateKeyDto, KeyListQuery, KeySearch, RotateKeyDto, UpdateKeyDto } from './key.dto';
import { hashKey } from './key-hash';
import { limitColumns } from './key-limits';
import { DuplicateKeyError, KeysRepository } from './keys.repository';

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly settings: ProviderSettingsRepository,
    private readonly policies: PoliciesRepository,
    private readonly tx: ConfigTransaction,
  ) {}

  create(dto: CreateKeyDto) {
    const settingIds = dto.settingIds ?? (dto.settingId ? [dto.settingId] : []);
    return this.write(async (manager) => {
      await this.requireSettings(manager, settingIds);
      if (dto.policyId) await this.requirePolicy(manager, dto.policyId);
      const created = await this.keys.create(manager, {
        name: dto.name,
        key: dto.isKeyNotHashed ? dto.key : hashKey(dto.key),
        isKeyNotHashed: dto.isKeyNotHashed,
        tags: dto.tags,
        settingIds,
        allowedPaths: dto.allowedPaths,
        shouldLogRequest: dto.shouldLogRequest,
        shouldLogResponse: dto.shouldLogResponse,
        rotationEnabled: dto.rotationEnabled,
        policyId: dto.policyId ?? null,
        limits: limitColumns(dto),
      });
      await this.publish(manager, created);
      return created;
    });
  }

  list(query: KeyListQuery) {
    return this.keys.list(query);
  }

  update(keyId: string, dto: UpdateKeyDto) {
    return this.write(async (manager) => {
      const key = await this.existing(manager, keyId);
      const settingIds = dto.settingIds?.length
        ? dto.settingIds
        : dto.settingId
          ? [dto.settingId]
          : undefined;
      if (settingIds) {
        await this.requireSettings(manager, settingIds);
        key.settingIds = settingIds;
      }
      if (dto.name !== undefined) key.name = dto.name;
      if (dto.tags?.length) key.tags = dto.tags;
      if (dto.revoked !== undefined) {
        key.revoked = dto.revoked;
        key.revokedReason = dto.revoked ? (dto.revokedReason ?? '') : '';
      }
      if (dto.allowedPaths !== undefined) key.allowedPaths = dto.allowedPaths;
      if (dto.shouldLogRequest !== undefined) key.shouldLogRequest = dto.shouldLogRequest;
      if (dto.shouldLogResponse !== undefined) key.shouldLogResponse = dto.shouldLogResponse;
      if (dto.rotationEnabled !== undefined) key.rotationEnabled = dto.rotationEnabled;
      if (dto.policyId) await this.requirePolicy(manager, dto.policyId);
      if (dto.policyId !== undefined) key.policyId = dto.policyId;
      Object.assign(key.limits, limitColumns(dto, key.limits));
      return this.saveAndPublish(manager, key);
    });
  }

  // The new value takes over at once; the old one keeps working until the grace period ends.
  rotate(keyId: string, dto: RotateKeyDto) {
    return this.write(async (manager) => {
      const key = await this.existing(manager, keyId);
      const now = Date.now();
      key.previousKey = dto.gracePeriodSeconds > 0 ? key.key : null;
      key.previousKeyExpiresAt =
        dto.gracePeriodSeconds > 0 ? new Date(now + dto.gracePeriodSeconds * 1000) : null;
      key.key = key.isKeyNotHashed ? dto.key : hashKey(dto.key);
      return this.saveAndPublish(manager, key);
    });
  }

  remove(keyId: string) {
    return this.write(async (manager) => {
      const key = await this.existing(manager, keyId);
      await this.keys.remove(manager, key);
      await recordConfigChange(manager, {
        entity: 'key',
        id: keyId,
        version: key.version + 1,
        snapshot: null,
      });
    });
  }

  // Revokes a key on another service's request (its spend used up, its ttl run out) inside the caller's
  // transaction, as a PATCH {revoked: true} would: version bumped, outbox row. False when the key is gone,
  // already revoked, or the reason no longer holds for the stored key.
  async revoke(
    manager: EntityManager,
    keyId: string,
    reason: RevocationReason,
    nowMs: number,
  ): Promise<boolean> {
    const key = await this.keys.findForUpdate(manager, keyId);
    if (!key || key.revoked || !revocationDue(reason, key.limits, nowMs)) return false;
    key.revoked = true;
    key.revokedReason = reason;
    await this.saveAndPublish(manager, key);
    return true;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(work);
    } catch (error) {
      // The message names no key: a gateway key never appears in an error.
      if (error instanceof DuplicateKeyError)
        throw new AdminException('conflict', 'duplicate key', 'this key already exists');
      throw error;
    }
  }

  private async existing(manager: EntityManager, keyId: string): Promise<KeyEntity> {
    const key = await this.keys.findForUpdate(manager, keyId);
    if (!key) throw new AdminException('not-found', 'key not found', `no key ${keyId}`);
    return key;
  }

  private async saveAndPublish(manager: EntityManager, key: KeyEntity): Promise<KeyEntity> {
    key.version += 1;
    const saved = await this.keys.save(manager, key);
    await this.publish(manager, saved);
    return saved;
  }

  private publish(manager: EntityManager, key: KeyEntity): Promise<void> {
    return recordConfigChange(manager, {
      entity: 'key',
      id: key.keyId,
      version: key.version,
      snapshot: toKeySnapshot(key),
    });
  }

  private async requirePolicy(manager: EntityManager, policyId: string): Promise<void> {
    if (!(await this.policies.exists(manager, policyId))) {
      throw new AdminException('validation', 'key validation failed', `policy not found: ${policyId}`);
    }
  }

  listV2(query: KeySearch) {
    return this.keys.search(query);
  }

  private async requireSettings(manager: EntityManager, settingIds: readonly string[]): Promise<void> {
    const existing = await this.settings.existingIds(settingIds, manager);
    const missing = settingIds.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new AdminException(
        'validation',
        'key validation failed',
        `provider settings not found: ${missing.join(', ')}`,
      );
    }
  }
}
