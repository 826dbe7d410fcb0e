import { z } from 'zod';
import type { ProviderSettingEntity } from '@tollgate/platform-database';

export const BUILT_IN_PROVIDERS = ['openai', 'azure', 'anthropic', 'vllm', 'deepinfra'] as const;
// Setting keys whose values are secrets: stored apart, never returned.
export const SECRET_SETTING_KEYS = ['apikey'] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const SettingParamsSchema = z
  .object({
    apikey: z.string().min(1).optional(),
    // Replaces the provider's base URL: the part before the provider's own path (BricksLLM issue #97).
    url: httpUrl.optional(),
    resourceName: z.string().min(1).optional(),
  })
  .strict();

// BricksLLM units: USD per 1K tokens, per model.
const CostMapSchema = z
  .object({
    promptCostPerModel: z.record(z.string(), z.number().nonnegative()).optional(),
    completionCostPerModel: z.record(z.string(), z.number().nonnegative()).optional(),
    embeddingsCostPerModel: z.record(z.string(), z.number().nonnegative()).optional(),
  })
  .strict();

export const UpdateProviderSettingSchema = z
  .object({
    name: z.string().optional(),
    setting: SettingParamsSchema.optional(),
    allowedModels: z.array(z.string().min(1)).optional(),
    costMap: CostMapSchema.nullable().optional(),
  })
  .strict();
export type UpdateProviderSettingDto = z.infer<typeof UpdateProviderSettingSchema>;

export const CreateProviderSettingSchema = z
  .object({
    provider: z.enum(BUILT_IN_PROVIDERS),
    name: z.string().default(''),
    setting: SettingParamsSchema,
    allowedModels: z.array(z.string().min(1)).default([]),
    costMap: CostMapSchema.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    const needs: Record<(typeof BUILT_IN_PROVIDERS)[number], readonly ('apikey' | 'url' | 'resourceName')[]> =
      {
        openai: ['apikey'],
        anthropic: ['apikey'],
        deepinfra: ['apikey'],
        azure: ['apikey', 'resourceName'],
        vllm: ['url'],
      };
    for (const field of needs[value.provider]) {
      if (!value.setting[field]) {
        ctx.addIssue({ code: 'custom', path: ['setting', field], message: `required for ${value.provider}` });
      }
    }
  });
export type CreateProviderSettingDto = z.infer<typeof CreateProviderSettingSchema>;

// Splits the setting map into its public parameters and its secrets.
export function splitSecrets(params: Record<string, string | undefined>): {
  setting: Record<string, string>;
  secrets: Record<string, string>;
} {
  const setting: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if ((SECRET_SETTING_KEYS as readonly string[]).includes(name)) secrets[name] = value;
    else setting[name] = value;
  }
  return { setting, secrets };
}

export interface ProviderSettingResponse {
  id: string;
  name: string;
  provider: string;
  setting: Record<string, string>;
  allowedModels: string[];
  costMap: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
}

export function toProviderSettingResponse(entity: ProviderSettingEntity): ProviderSettingResponse {
  return {
    id: entity.id,
    name: entity.name,
    provider: entity.provider,
    setting: entity.setting,
    allowedModels: entity.allowedModels,
    costMap: entity.costMap,
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
