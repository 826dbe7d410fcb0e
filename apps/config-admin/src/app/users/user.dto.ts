import { z } from 'zod';
import { indexedText, MAX_OFFSET, queryInteger, tagsSchema } from '../request-shape/bounds';
import type { UserEntity } from '@tollgate/config-entities';
import { checkLimits, KeyLimitFields, LIMIT_RULES_DOC, limitResponseFields } from '../keys/key-limits';

const AllowedPathSchema = z.object({ path: z.string().min(1), method: z.string().min(1) });
const TagsSchema = tagsSchema();

const UserFields = {
  name: z.string().min(1),
  tags: TagsSchema,
  keyIds: z.array(z.uuid()),
  allowedPaths: z.array(AllowedPathSchema),
  allowedModels: z.array(z.string().min(1)),
  ttl: z.string(),
  ...KeyLimitFields,
};

export const CreateUserSchema = z
  .object({
    ...UserFields,
    userId: indexedText().optional(),
    tags: TagsSchema.default([]),
    keyIds: z.array(z.uuid()).default([]),
    allowedPaths: z.array(AllowedPathSchema).default([]),
    allowedModels: z.array(z.string().min(1)).default([]),
    ttl: z.string().optional(),
  })
  .strict()
  .meta(LIMIT_RULES_DOC)
  .superRefine(checkLimits);
export type CreateUserDto = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    name: UserFields.name.optional(),
    tags: UserFields.tags.optional(),
    keyIds: UserFields.keyIds.optional(),
    allowedPaths: UserFields.allowedPaths.optional(),
    allowedModels: UserFields.allowedModels.optional(),
    ttl: z.string().optional(),
    revoked: z.boolean().optional(),
    revokedReason: z.string().optional(),
    ...KeyLimitFields,
  })
  .strict()
  .meta(LIMIT_RULES_DOC)
  .superRefine(checkLimits);
export type UpdateUserDto = z.infer<typeof UpdateUserSchema>;

export const UserQuerySchema = z
  .object({
    tags: z.array(z.string().min(1)).optional(),
    keyIds: z.array(z.string().min(1)).optional(),
    userIds: z.array(z.string().min(1)).optional(),
    offset: queryInteger({ max: MAX_OFFSET }).default(0),
    limit: queryInteger({ min: 1, max: 1000 }).default(100),
  })
  .refine((q) => q.tags?.length || q.keyIds?.length || q.userIds?.length, {
    message: 'give at least one of tags, keyIds or userIds',
    path: ['filters'],
  });
export type UserQuery = z.infer<typeof UserQuerySchema>;

export function toUserResponse(entity: UserEntity) {
  return {
    id: entity.id,
    userId: entity.userId,
    name: entity.name,
    tags: entity.tags,
    keyIds: entity.keyIds,
    revoked: entity.revoked,
    revokedReason: entity.revokedReason,
    allowedPaths: entity.allowedPaths,
    allowedModels: entity.allowedModels,
    ttl: entity.limits.ttl,
    ...limitResponseFields(entity.limits),
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
