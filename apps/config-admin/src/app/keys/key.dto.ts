import { z } from 'zod';
import type { KeyEntity } from '@tollgate/platform-database';

export const CreateKeySchema = z
  .object({
    name: z.string().min(1),
    key: z.string().min(1),
    tags: z.array(z.string().min(1, 'empty tag')).default([]),
    settingId: z.uuid().optional(),
    settingIds: z.array(z.uuid()).optional(),
    isKeyNotHashed: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    const given = Number(value.settingId !== undefined) + Number((value.settingIds?.length ?? 0) > 0);
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['settingIds'],
        message: 'give exactly one of settingId or settingIds',
      });
    }
  });
export type CreateKeyDto = z.infer<typeof CreateKeySchema>;

export interface KeyResponse {
  keyId: string;
  name: string;
  key: string;
  tags: string[];
  revoked: boolean;
  revokedReason: string;
  settingId: string;
  settingIds: string[];
  allowedPaths: { path: string; method: string }[];
  shouldLogRequest: boolean;
  shouldLogResponse: boolean;
  rotationEnabled: boolean;
  isKeyNotHashed: boolean;
  createdAt: number;
  updatedAt: number;
}

export function toKeyResponse(entity: KeyEntity): KeyResponse {
  return {
    keyId: entity.keyId,
    name: entity.name,
    key: entity.key,
    tags: entity.tags,
    revoked: entity.revoked,
    revokedReason: entity.revokedReason,
    settingId: entity.settingIds[0] ?? '',
    settingIds: entity.settingIds,
    allowedPaths: entity.allowedPaths,
    shouldLogRequest: entity.shouldLogRequest,
    shouldLogResponse: entity.shouldLogResponse,
    rotationEnabled: entity.rotationEnabled,
    isKeyNotHashed: entity.isKeyNotHashed,
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
