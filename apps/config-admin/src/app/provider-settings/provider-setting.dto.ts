import { z } from 'zod';
import type { ProviderSettingEntity } from '@tollgate/platform-database';

export const BUILT_IN_PROVIDERS = ['openai', 'azure', 'anthropic', 'vllm', 'deepinfra'] as const;
// Setting keys whose values are secrets: stored apart, never returned.
export const SECRET_SETTING_KEYS = ['apikey'] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const CreateProviderSettingSchema = z
  .object({
    provider: z.enum(BUILT_IN_PROVIDERS),
    name: z.string().default(''),
    setting: z
      .object({
        apikey: z.string().min(1).optional(),
        // Replaces the provider's base URL: the part before the provider's own path (BricksLLM issue #97).
        url: httpUrl.optional(),
        resourceName: z.string().min(1).optional(),
      })
      .strict(),
    allowedModels: z.array(z.string().min(1)).default([]),
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

export interface ProviderSettingResponse {
  id: string;
  name: string;
  provider: string;
  setting: Record<string, string>;
  allowedModels: string[];
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
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
