import { z } from 'zod';
import { indexedText, MAX_COUNT } from '../request-shape/bounds';
import type { CustomProviderEntity } from '@tollgate/config-entities';
import { BUILT_IN_PROVIDERS } from '../provider-settings/provider-setting.dto';

const noWhitespace = (what: string) => indexedText().regex(/^\S+$/, `${what} must not contain whitespace`);

const RouteConfigSchema = z
  .object({
    path: noWhitespace('path').startsWith('/', 'path must start with /'),
    target_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    model_location: z.string().min(1),
    request_prompt_location: z.string().min(1),
    response_completion_location: z.string().min(1),
    stream_location: z.string().min(1).optional(),
    stream_end_word: z.string().min(1).optional(),
    stream_response_completion_location: z.string().min(1).optional(),
    stream_max_empty_messages: z.number().int().nonnegative().max(MAX_COUNT).optional(),
  })
  .strict()
  .meta({
    dependentRequired: { stream_location: ['stream_end_word', 'stream_response_completion_location'] },
  })
  .superRefine((config, ctx) => {
    if (!config.stream_location) return;
    for (const field of ['stream_end_word', 'stream_response_completion_location'] as const) {
      if (!config[field])
        ctx.addIssue({ code: 'custom', path: [field], message: 'required when stream_location is set' });
    }
  });

// BricksLLM's duplicate-path check never fires (its map is rebuilt on every iteration); this one does.
const RouteConfigsSchema = z
  .array(RouteConfigSchema)
  .min(1)
  .superRefine((configs, ctx) => {
    const seen = new Set<string>();
    configs.forEach((c, i) => {
      if (seen.has(c.path))
        ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `duplicate path ${c.path}` });
      seen.add(c.path);
    });
  });

export const CreateCustomProviderSchema = z
  .object({
    provider: noWhitespace('provider')
      .transform((p) => p.toLowerCase())
      .refine((p) => !(BUILT_IN_PROVIDERS as readonly string[]).includes(p), {
        message: 'is a built-in provider name',
      }),
    authentication_param: z
      .string()
      .transform((p) => p.toLowerCase())
      .default(''),
    route_configs: RouteConfigsSchema,
  })
  .strict();
export type CreateCustomProviderDto = z.infer<typeof CreateCustomProviderSchema>;

export const UpdateCustomProviderSchema = z
  .object({
    authentication_param: z
      .string()
      .transform((p) => p.toLowerCase())
      .optional(),
    route_configs: RouteConfigsSchema.optional(),
  })
  .strict();
export type UpdateCustomProviderDto = z.infer<typeof UpdateCustomProviderSchema>;

// PUT replaces the whole definition (the name stays).
export const ReplaceCustomProviderSchema = z
  .object({
    authentication_param: z
      .string()
      .transform((p) => p.toLowerCase())
      .default(''),
    route_configs: RouteConfigsSchema,
  })
  .strict();

export function toCustomProviderResponse(entity: CustomProviderEntity) {
  return {
    id: entity.id,
    provider: entity.provider,
    authentication_param: entity.authenticationParam,
    route_configs: entity.routeConfigs,
    created_at: Math.floor(entity.createdAt.getTime() / 1000),
    updated_at: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
