import { z } from 'zod';
import { MAX_INDEXED_TEXT } from '../request-shape/bounds';
import type { RouteEntity } from '@tollgate/config-entities';
import { parseGoDuration } from '@tollgate/platform-config';

const goDuration = (max?: { ms: number; text: string }) =>
  z.string().refine(
    (text) => {
      const ms = parseGoDuration(text);
      return ms !== null && ms > 0 && (!max || ms <= max.ms);
    },
    { message: `must be a positive Go duration such as 500ms or 5m${max ? ` and at most ${max.text}` : ''}` },
  );

const StepSchema = z
  .object({
    // Any provider the gateway serves, custom providers by name; every key must have a setting for it.
    provider: z.string().min(1).max(MAX_INDEXED_TEXT),
    model: z.string().min(1),
    // Draws the first step of a weighted route (ignored by fallback).
    weight: z.number().int().min(1).max(1000).default(1),
    retries: z.number().int().nonnegative().max(10).default(0),
    retryInterval: goDuration().default('1s'),
    timeout: goDuration().default('5m'),
    params: z.record(z.string(), z.string()).default({}),
    requestParams: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .meta({
    if: { properties: { provider: { const: 'azure' } }, required: ['provider'] },
    then: {
      required: ['params'],
      properties: {
        params: {
          required: ['deploymentId', 'apiVersion'],
          properties: { deploymentId: { minLength: 1 }, apiVersion: { minLength: 1 } },
        },
      },
    },
  })
  .superRefine((step, ctx) => {
    if (step.provider !== 'azure') return;
    for (const param of ['deploymentId', 'apiVersion']) {
      if (!step.params[param])
        ctx.addIssue({ code: 'custom', path: ['params', param], message: 'required for azure' });
    }
  });

const CacheConfigSchema = z
  .object({
    enabled: z.boolean(),
    ttl: goDuration({ ms: 720 * 3_600_000, text: '720h' }).default('168h'),
    // Keys with the same tags share cached answers; by default each key has its own.
    shared: z.boolean().default(false),
  })
  .strict();

// All steps of a route are embeddings or all are chat: the request is rewritten for one kind only.
export const isEmbeddingModel = (model: string): boolean => /embedding|ada/i.test(model);

const StepsSchema = z
  .array(StepSchema)
  .min(1)
  .superRefine((steps, ctx) => {
    const kinds = new Set(steps.map((s) => isEmbeddingModel(s.model)));
    if (kinds.size > 1) ctx.addIssue({ code: 'custom', message: 'steps mix chat and embedding models' });
  });

const RouteFields = {
  name: z.string().min(1),
  path: z
    .string()
    .max(MAX_INDEXED_TEXT)
    .regex(/^\/\S*$/, 'must start with / and contain no whitespace'),
  keyIds: z.array(z.uuid()),
  steps: StepsSchema,
  cacheConfig: CacheConfigSchema,
  retryStrategy: z.enum(['', 'constant', 'exponential']).transform((s) => (s === '' ? 'constant' : s)),
  requestFormat: z.enum(['', 'openai_embeddings']),
  strategy: z.enum(['fallback', 'weighted']),
};

export const CreateRouteSchema = z
  .object({
    ...RouteFields,
    retryStrategy: RouteFields.retryStrategy.default('constant'),
    requestFormat: RouteFields.requestFormat.default(''),
    strategy: RouteFields.strategy.default('fallback'),
  })
  .strict()
  .superRefine((route, ctx) => {
    // Anthropic has no embeddings: an OpenAI embeddings route cannot be translated to it.
    if (route.requestFormat !== 'openai_embeddings') return;
    route.steps.forEach((step, i) => {
      if (step.provider === 'anthropic')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'provider'],
          message: 'anthropic has no embeddings',
        });
    });
  });
export type CreateRouteDto = z.infer<typeof CreateRouteSchema>;

// BricksLLM has no route update; here every field but the id can change.
export const UpdateRouteSchema = z
  .object({
    name: RouteFields.name.optional(),
    path: RouteFields.path.optional(),
    keyIds: RouteFields.keyIds.optional(),
    steps: RouteFields.steps.optional(),
    cacheConfig: RouteFields.cacheConfig.optional(),
    retryStrategy: RouteFields.retryStrategy.optional(),
    requestFormat: RouteFields.requestFormat.optional(),
    strategy: RouteFields.strategy.optional(),
  })
  .strict();
export type UpdateRouteDto = z.infer<typeof UpdateRouteSchema>;

export function toRouteResponse(entity: RouteEntity) {
  return {
    id: entity.id,
    name: entity.name,
    path: entity.path,
    keyIds: entity.keyIds,
    steps: entity.steps,
    cacheConfig: entity.cacheConfig,
    retryStrategy: entity.retryStrategy,
    requestFormat: entity.requestFormat,
    strategy: entity.strategy,
    createdAt: Math.floor(entity.createdAt.getTime() / 1000),
    updatedAt: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}
