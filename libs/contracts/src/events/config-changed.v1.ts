import { z } from 'zod';
import { envelopeSchemaOf, type Envelope } from '../envelope';

export const CONFIG_CHANGED_TYPE = 'gateway.config.changed';

export const ConfigEntitySchema = z.enum([
  'key',
  'provider_setting',
  'user',
  'policy',
  'custom_provider',
  'route',
  'price',
]);
export type ConfigEntity = z.infer<typeof ConfigEntitySchema>;

const AllowedPathSchema = z.object({ path: z.string(), method: z.string() });

export const RateUnitSchema = z.enum(['s', 'm', 'h', 'd']);
export const CostUnitSchema = z.enum(['m', 'h', 'd', 'mo']);
// Tokens (prompt plus completion) per minute, hour or day, as genai-gateway limits its users.
export const TokenUnitSchema = z.enum(['m', 'h', 'd']);
export type RateUnit = z.infer<typeof RateUnitSchema>;
export type CostUnit = z.infer<typeof CostUnitSchema>;
export type TokenUnit = z.infer<typeof TokenUnitSchema>;

// A key's limits as the limiter reads them. Money is integer micro-dollars.
export const KeyLimitsSchema = z.object({
  // Total spend over the key's life; crossing it revokes the key.
  costLimitMicroUsd: z.number().int().nonnegative().nullable(),
  rateLimits: z.array(z.object({ limit: z.number().int().positive(), unit: RateUnitSchema })),
  costLimits: z.array(z.object({ limitMicroUsd: z.number().int().positive(), unit: CostUnitSchema })),
  tokenLimits: z.array(z.object({ limit: z.number().int().positive(), unit: TokenUnitSchema })).default([]),
  // Requests in flight at once; null: no cap.
  maxInFlightRequests: z.number().int().positive().nullable().default(null),
  // End a stream cleanly once it would carry the subject past a token or spend limit.
  endStreamsAtLimit: z.boolean().default(false),
  // From the key's ttl: the key stops working at this instant.
  expiresAt: z.iso.datetime().nullable(),
});
export type KeyLimits = z.infer<typeof KeyLimitsSchema>;

// What the services' read models hold of a key. `key` is the sha256 hex of the secret (or the secret itself
// when isKeyNotHashed), exactly as stored; a rotated key keeps its previous value until the grace period ends.
export const KeySnapshotSchema = z.object({
  keyId: z.string(),
  name: z.string(),
  key: z.string(),
  isKeyNotHashed: z.boolean(),
  previousKey: z.string().nullable(),
  previousKeyExpiresAt: z.iso.datetime().nullable(),
  tags: z.array(z.string()),
  revoked: z.boolean(),
  revokedReason: z.string(),
  settingIds: z.array(z.string()),
  allowedPaths: z.array(AllowedPathSchema),
  shouldLogRequest: z.boolean(),
  shouldLogResponse: z.boolean(),
  rotationEnabled: z.boolean(),
  policyId: z.string().nullable(),
  limits: KeyLimitsSchema,
});
export type KeySnapshot = z.infer<typeof KeySnapshotSchema>;

// Provider secrets travel encrypted (AES-256-GCM under the master key), as they are stored.
export const ProviderSettingSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  setting: z.record(z.string(), z.string()),
  encryptedSecrets: z.string(),
  allowedModels: z.array(z.string()),
  costMap: z.record(z.string(), z.unknown()).nullable(),
});
export type ProviderSettingSnapshot = z.infer<typeof ProviderSettingSnapshotSchema>;

// A user of the caller's product, bound to requests by the body's user id and the key's tags.
export const UserSnapshotSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  keyIds: z.array(z.string()),
  revoked: z.boolean(),
  revokedReason: z.string(),
  allowedPaths: z.array(AllowedPathSchema),
  allowedModels: z.array(z.string()),
  limits: KeyLimitsSchema,
});
export type UserSnapshot = z.infer<typeof UserSnapshotSchema>;

export const PolicyActionSchema = z.enum(['block', 'allow_but_warn', 'allow_but_redact', 'allow']);
export type PolicyAction = z.infer<typeof PolicyActionSchema>;

export const PolicySnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  config: z.object({ rules: z.record(z.string(), PolicyActionSchema) }),
  regexConfig: z.object({ rules: z.array(z.object({ definition: z.string(), action: PolicyActionSchema })) }),
  customConfig: z.object({
    rules: z.array(z.object({ definition: z.string(), action: PolicyActionSchema })),
  }),
});
export type PolicySnapshot = z.infer<typeof PolicySnapshotSchema>;

// A provider the gateway does not know, described by gjson-style locations (snake_case, as BricksLLM's API).
export const CustomRouteConfigSchema = z.object({
  path: z.string(),
  target_url: z.string(),
  model_location: z.string(),
  request_prompt_location: z.string(),
  response_completion_location: z.string(),
  stream_location: z.string().optional(),
  stream_end_word: z.string().optional(),
  stream_response_completion_location: z.string().optional(),
  stream_max_empty_messages: z.number().int().optional(),
});
export const CustomProviderSnapshotSchema = z.object({
  id: z.string(),
  provider: z.string(),
  authentication_param: z.string(),
  route_configs: z.array(CustomRouteConfigSchema),
});
export type CustomProviderSnapshot = z.infer<typeof CustomProviderSnapshotSchema>;

// A step may target any provider the gateway serves (custom providers by name). Its weight picks the first
// step of a weighted route; older snapshots have none (1).
export const RouteStepSchema = z.object({
  provider: z.string(),
  weight: z.number().int().positive().default(1),
  model: z.string(),
  retries: z.number().int().nonnegative(),
  retryInterval: z.string(),
  timeout: z.string(),
  params: z.record(z.string(), z.string()),
  requestParams: z.record(z.string(), z.unknown()),
});
export const RouteSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  keyIds: z.array(z.string()),
  steps: z.array(RouteStepSchema),
  // shared: keys with the same tags share the route's cache (otherwise each key has its own).
  cacheConfig: z.object({ enabled: z.boolean(), ttl: z.string(), shared: z.boolean().default(false) }),
  retryStrategy: z.enum(['constant', 'exponential']),
  // fallback: steps in order; weighted: the first step drawn by weight, then the others in order.
  strategy: z.enum(['fallback', 'weighted']).default('fallback'),
  requestFormat: z.enum(['', 'openai_embeddings']),
});
export type RouteSnapshot = z.infer<typeof RouteSnapshotSchema>;

const TierPricesSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().nullable(),
  cacheWrite: z.number().nonnegative().nullable(),
});

// One entry of the pricing catalog. Token prices are USD per 1M tokens; the rest per unit.
export const PriceSnapshotSchema = TierPricesSchema.extend({
  // The catalog key: the model id, provider-prefixed for providers other than OpenAI and Anthropic.
  key: z.string().min(1),
  provider: z.string(),
  mode: z.string(),
  model: z.string(),
  batchInput: z.number().nonnegative().nullable(),
  batchOutput: z.number().nonnegative().nullable(),
  // Anthropic cache writes with a 1-hour TTL (cacheWrite is the 5-minute price).
  cacheWrite1h: z.number().nonnegative().nullable().optional(),
  // Prices for the whole request once the prompt has more than aboveTokens tokens.
  longContext: z.array(TierPricesSchema.extend({ aboveTokens: z.number().int().positive() })),
  // USD per image, keyed `<quality>|<size>`.
  perImage: z.record(z.string(), z.number().nonnegative()).nullable(),
  perMinute: z.number().nonnegative().nullable(),
  perMillionCharacters: z.number().nonnegative().nullable(),
});
export type PriceSnapshot = z.infer<typeof PriceSnapshotSchema>;

export const ConfigChangedV1PayloadSchema = z.discriminatedUnion('entity', [
  z.object({
    entity: z.literal('price'),
    id: z.string(),
    version: z.number().int().positive(),
    data: PriceSnapshotSchema,
  }),
  z.object({
    entity: z.literal('custom_provider'),
    id: z.string(),
    version: z.number().int().positive(),
    data: CustomProviderSnapshotSchema,
  }),
  z.object({
    entity: z.literal('route'),
    id: z.string(),
    version: z.number().int().positive(),
    data: RouteSnapshotSchema,
  }),
  z.object({
    entity: z.literal('user'),
    id: z.string(),
    version: z.number().int().positive(),
    data: UserSnapshotSchema,
  }),
  z.object({
    entity: z.literal('policy'),
    id: z.string(),
    version: z.number().int().positive(),
    data: PolicySnapshotSchema,
  }),
  z.object({
    entity: z.literal('key'),
    id: z.string(),
    version: z.number().int().positive(),
    data: KeySnapshotSchema,
  }),
  z.object({
    entity: z.literal('provider_setting'),
    id: z.string(),
    version: z.number().int().positive(),
    data: ProviderSettingSnapshotSchema,
  }),
]);
export type ConfigChangedV1Payload = z.infer<typeof ConfigChangedV1PayloadSchema>;

export const ConfigChangedV1Schema = envelopeSchemaOf(CONFIG_CHANGED_TYPE, 1, ConfigChangedV1PayloadSchema);
export type ConfigChangedV1 = Envelope<ConfigChangedV1Payload> & {
  type: typeof CONFIG_CHANGED_TYPE;
  version: 1;
};

// The message key on the compacted topic: the latest value per entity survives compaction, and a delete is
// a tombstone (null value) under the same key.
export function configMessageKey(entity: ConfigEntity, id: string): string {
  return `${entity}:${id}`;
}

export function parseConfigMessageKey(key: string): { entity: ConfigEntity; id: string } | null {
  const colon = key.indexOf(':');
  const entity = ConfigEntitySchema.safeParse(key.slice(0, colon));
  return colon > 0 && entity.success ? { entity: entity.data, id: key.slice(colon + 1) } : null;
}
