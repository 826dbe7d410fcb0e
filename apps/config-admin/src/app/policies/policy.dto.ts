import { z } from 'zod';
import { compileRule, PiiRuleException } from '@tollgate/pii';
import { tagsSchema } from '../request-shape/bounds';
import { PolicyActionSchema } from '@tollgate/contracts';
import type { PolicyEntity } from '@tollgate/config-entities';

// The PII entities BricksLLM accepts (the AWS Comprehend types).
export const PII_ENTITIES = [
  'address',
  'age',
  'all',
  'aws_access_key',
  'aws_secret_key',
  'bank_account_number',
  'bank_routing',
  'ca_health_number',
  'ca_social_insurance_number',
  'credit_debit_cvv',
  'credit_debit_expiry',
  'credit_debit_number',
  'date_time',
  'driver_id',
  'email',
  'in_aadhaar',
  'in_nrega',
  'in_permanent_account_number',
  'in_voter_number',
  'international_bank_account_number',
  'ip_address',
  'license_plate',
  'mac_address',
  'name',
  'passport_number',
  'password',
  'phone',
  'pin',
  'ssn',
  'swift_code',
  'uk_national_health_service_number',
  'uk_national_insurance_number',
  'uk_unique_taxpayer_reference_number',
  'url',
  'us_individual_tax_identification_number',
  'username',
  'vehicle_identification_number',
] as const;

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
