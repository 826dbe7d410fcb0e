import { z } from 'zod';
import { MAX_OFFSET, tagsSchema } from '../request-shape/bounds';
import type { CostUnit, RateUnit, TokenUnit } from '@tollgate/contracts';
import type { KeyEntity } from '@tollgate/config-entities';
import { GatewayKeySchema } from './gateway-key';
import { checkLimits, KeyLimitFields, LIMIT_RULES_DOC, limitResponseFields } from './key-limits';

const AllowedPathSchema = z.object({ path: z.string().min(1), method: z.string().min(1) });
const TagsSchema = tagsSchema();

// Exactly one of settingId or settingIds (non-empty), as JSON Schema for the API document.
const ONE_SETTING_DOC = [
  {
    anyOf: [
      { required: ['settingId'], properties: { settingIds: { maxItems: 0 } } },
      {
        not: { required: ['settingId'] },
        required: ['settingIds'],
        properties: { settingIds: { minItems: 1 } },
      },
    ],
  },
];

export const CreateKeySchema = z
  .object({
    name: z.string().min(1),
    key: GatewayKeySchema,
    tags: TagsSchema.default([]),
    settingId: z.uuid().optional(),
    settingIds: z.array(z.uuid()).optional(),
    allowedPaths: z.array(AllowedPathSchema).default([]),
    shouldLogRequest: z.boolean().default(false),
    shouldLogResponse: z.boolean().default(false),
    rotationEnabled: z.boolean().default(false),
    isKeyNotHashed: z.boolean().default(false),
    ttl: z.string().optional(),
    policyId: z.uuid().optional(),
    ...KeyLimitFields,
  })
  .meta({ allOf: [...LIMIT_RULES_DOC.allOf, ...ONE_SETTING_DOC] })
  .superRefine((value, ctx) => {
    checkLimits(value, ctx);
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

// Every field optional. `key` is accepted and ignored, as BricksLLM ignores it: a PATCH never touches the
// stored hash (BricksLLM re-hashes it, issue #49); use the rotate endpoint to change a key.
export const UpdateKeySchema = z
  .object({
    name: z.string().min(1).optional(),
    key: z.string().optional(),
    tags: TagsSchema.optional(),
    settingId: z.uuid().optional(),
    settingIds: z.array(z.uuid()).optional(),
    revoked: z.boolean().optional(),
    revokedReason: z.string().optional(),
    allowedPaths: z.array(AllowedPathSchema).optional(),
    shouldLogRequest: z.boolean().optional(),
    shouldLogResponse: z.boolean().optional(),
    rotationEnabled: z.boolean().optional(),
    policyId: z.uuid().nullable().optional(),
    ...KeyLimitFields,
  })
  .strict()
  .meta(LIMIT_RULES_DOC)
  .superRefine(checkLimits);
export type UpdateKeyDto = z.infer<typeof UpdateKeySchema>;

export const RotateKeySchema = z.object({
  key: GatewayKeySchema,
  // How long the old value keeps working, in seconds (0: stop at once).
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600),
});
export type RotateKeyDto = z.infer<typeof RotateKeySchema>;

export const KeyListQuerySchema = z
  .object({
    tag: z.string().min(1).optional(),
    tags: z.array(z.string().min(1)).optional(),
    keyIds: z.array(z.string().min(1)).optional(),
    provider: z.string().min(1).optional(),
  })
  .refine((q) => q.tag || q.tags?.length || q.keyIds?.length || q.provider, {
    message: 'give at least one of tag, tags, keyIds or provider',
    path: ['filters'],
  });
export type KeyListQuery = z.infer<typeof KeyListQuerySchema>;

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
  policyId: string;
  ttl: string;
  costLimitInUsd: number;
  costLimitInUsdOverTime: number;
  costLimitInUsdUnit: string;
  rateLimitOverTime: number;
  rateLimitUnit: string;
  rateLimits: { limit: number; unit: RateUnit }[];
  costLimits: { limitInUsd: number; unit: CostUnit }[];
  tokenLimits: { limit: number; unit: TokenUnit }[];
  maxInFlightRequests: number | null;
  endStreamsAtLimit: boolean;
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
    policyId: entity.policyId ?? '',
    ttl: entity.limits.ttl,
    ...limitResponseFields(entity.limits),
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}

// POST /api/v2/key-management/keys.
export const KeySearchSchema = z
  .object({
    keyIds: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).optional(),
    name: z.string().optional(),
    revoked: z.boolean().optional(),
    limit: z.number().int().positive().max(1000).default(100),
    offset: z.number().int().nonnegative().max(MAX_OFFSET).default(0),
    order: z.enum(['asc', 'desc']).default('desc'),
    returnCount: z.boolean().default(false),
  })
  .strict();
export type KeySearch = z.infer<typeof KeySearchSchema>;
