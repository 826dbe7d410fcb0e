import { z } from 'zod';
import { ALL_ENTITIES, compileRule, PII_ENTITY_TYPES, PiiRuleException } from '@tollgate/pii';
import { tagsSchema } from '../request-shape/bounds';
import { PolicyActionSchema } from '@tollgate/contracts';
import type { PolicyEntity } from '@tollgate/config-entities';

// The PII entities BricksLLM accepts (the AWS Comprehend types), as the detectors name them, and `all`.
export const PII_ENTITIES = [ALL_ENTITIES, ...PII_ENTITY_TYPES] as const;

const RegexRuleSchema = z.object({
  definition: z.string().min(1).superRefine(compilesInRe2),
  action: PolicyActionSchema,
});
const CustomRuleSchema = z.object({ definition: z.string().min(1), action: PolicyActionSchema });

const PolicyFields = {
  name: z.string(),
  tags: tagsSchema().min(1),
  config: z.object({ rules: z.partialRecord(z.enum(PII_ENTITIES), PolicyActionSchema) }),
  regexConfig: z.object({ rules: z.array(RegexRuleSchema) }),
  customConfig: z.object({ rules: z.array(CustomRuleSchema) }),
};

export const CreatePolicySchema = z
  .object({
    name: PolicyFields.name.default(''),
    tags: PolicyFields.tags,
    config: PolicyFields.config.default({ rules: {} }),
    regexConfig: PolicyFields.regexConfig.default({ rules: [] }),
    customConfig: PolicyFields.customConfig.default({ rules: [] }),
  })
  .strict();
export type CreatePolicyDto = z.infer<typeof CreatePolicySchema>;

export const UpdatePolicySchema = z
  .object({
    name: PolicyFields.name.optional(),
    tags: PolicyFields.tags.optional(),
    config: PolicyFields.config.optional(),
    regexConfig: PolicyFields.regexConfig.optional(),
    customConfig: PolicyFields.customConfig.optional(),
  })
  .strict();
export type UpdatePolicyDto = z.infer<typeof UpdatePolicySchema>;

// Rules run on every prompt with RE2 (libs/pii compileRule, linear time): a rule RE2 cannot compile (a
// lookaround, a backreference) or too large a program is refused here with RE2's own reason, never at the
// first request that needs it.
function compilesInRe2(pattern: string, ctx: z.RefinementCtx): void {
  try {
    compileRule(pattern);
  } catch (error) {
    if (!(error instanceof PiiRuleException)) throw error;
    ctx.addIssue({ code: 'custom', message: error.detail });
  }
}

// BricksLLM's policy response uses snake_case timestamps.
export function toPolicyResponse(entity: PolicyEntity) {
  return {
    id: entity.id,
    name: entity.name,
    tags: entity.tags,
    config: entity.config,
    regexConfig: entity.regexConfig,
    customConfig: entity.customConfig,
    created_at: Math.floor(entity.createdAt.getTime() / 1000),
    updated_at: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
