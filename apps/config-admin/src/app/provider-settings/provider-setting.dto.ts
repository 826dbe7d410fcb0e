import { z } from 'zod';
import type { ProviderSettingEntity } from '@tollgate/config-entities';
import { priceSchema } from '@tollgate/pricing';

export const BUILT_IN_PROVIDERS = ['openai', 'azure', 'anthropic', 'vllm', 'deepinfra', 'bedrock'] as const;
// Setting keys whose values are secrets: stored apart, never returned. Bedrock's are its AWS credentials
// (BricksLLM's names), the access key id included: with a leaked secret it is half of what an attacker needs.
export const SECRET_SETTING_KEYS = [
  'apikey',
  'awsAccessKeyId',
  'awsSecretAccessKey',
  'awsSessionToken',
] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const BuiltInParamsSchema = z
  .object({
    apikey: z.string().min(1).optional(),
    // Replaces the provider's base URL: the part before the provider's own path (BricksLLM issue #97).
    url: httpUrl.optional(),
    // The host of https://<resourceName>.openai.azure.com: anything but a DNS label could aim it elsewhere.
    resourceName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'must be an Azure resource name (letters, digits, hyphens)')
      .optional(),
    // Azure: the model each deployment serves, "deployment=model,…" (allow-lists and prices use the model).
    deployments: z
      .string()
      .regex(
        /^\s*[^=,\s]+\s*=\s*[^=,\s]+\s*(,\s*[^=,\s]+\s*=\s*[^=,\s]+\s*)*$/,
        'must be deployment=model pairs separated by commas, e.g. prod-chat=gpt-4o-mini,eu-chat=gpt-4o',
      )
      .optional(),
    // Bedrock: AWS credentials (a session token for temporary ones) and the region, whose runtime endpoint
    // (https://bedrock-runtime.<region>.amazonaws.com) the requests are signed for.
    awsAccessKeyId: z
      .string()
      .regex(/^[A-Z0-9]{16,128}$/, 'must be an AWS access key id')
      .optional(),
    awsSecretAccessKey: z.string().min(1).optional(),
    awsSessionToken: z.string().min(1).optional(),
    awsRegion: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region, e.g. us-east-1')
      .optional(),
  })
  .strict();

// Parameters only Bedrock reads.
const BEDROCK_ONLY = ['awsAccessKeyId', 'awsSecretAccessKey', 'awsSessionToken', 'awsRegion'] as const;

// The parameters that decide where a setting's requests, and so its stored key, are sent.
const DESTINATION_PARAMS = ['url', 'resourceName'] as const;

// Re-aiming a stored setting at another host would hand its stored secrets to that host: an update that
// changes the destination must carry every secret again (a stolen admin session does not know them).
export function reaimProblems(
  stored: Record<string, string>,
  heldSecretNames: readonly string[],
  given: Record<string, string>,
): string[] {
  const reaimed = DESTINATION_PARAMS.some((p) => given[p] !== undefined && given[p] !== stored[p]);
  if (!reaimed) return [];
  return heldSecretNames
    .filter((name) => !given[name])
    .map((name) => `setting.${name}: required again when url or resourceName changes`);
}

type RequiredParam =
  'apikey' | 'url' | 'resourceName' | 'awsAccessKeyId' | 'awsSecretAccessKey' | 'awsRegion';
const REQUIRED_PARAMS: Record<BuiltInProvider, readonly RequiredParam[]> = {
  openai: ['apikey'],
  anthropic: ['apikey'],
  deepinfra: ['apikey'],
  azure: ['apikey', 'resourceName'],
  vllm: ['url'],
  bedrock: ['awsAccessKeyId', 'awsSecretAccessKey', 'awsRegion'],
};

export type BuiltInProvider = (typeof BUILT_IN_PROVIDERS)[number];
export const isBuiltIn = (provider: string): provider is BuiltInProvider =>
  (BUILT_IN_PROVIDERS as readonly string[]).includes(provider);

// Checks a setting's parameters for its provider: a built-in one's known parameters, or a custom provider's
// authentication parameter. Returns the problems, each naming its field.
export function settingProblems(
  provider: string,
  setting: Record<string, string>,
  customAuthParam: string | null,
): string[] {
  if (isBuiltIn(provider)) {
    const parsed = BuiltInParamsSchema.safeParse(setting);
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((i) => `setting${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`);
    for (const field of REQUIRED_PARAMS[provider]) {
      if (!setting[field]) problems.push(`setting.${field}: required for ${provider}`);
    }
    if (setting['deployments'] !== undefined && provider !== 'azure')
      problems.push(`setting.deployments: only Azure paths name deployments`);
    for (const name of BEDROCK_ONLY) {
      if (setting[name] !== undefined && provider !== 'bedrock')
        problems.push(`setting.${name}: only Bedrock settings take AWS credentials and a region`);
    }
    return problems;
  }
  if (customAuthParam === null) return [`provider: provider ${provider} is not supported`];
  return customAuthParam && !setting[customAuthParam]
    ? [`setting.${customAuthParam}: required for ${provider}`]
    : [];
}

const SettingParamsSchema = z.record(z.string(), z.string());

// BricksLLM units: USD per 1K tokens, per model; bounded like the catalog ($10 per 1K is $10,000 per 1M).
const per1KTokens = z.record(z.string(), priceSchema('usdPer1KTokens'));
const CostMapSchema = z
  .object({
    promptCostPerModel: per1KTokens.optional(),
    completionCostPerModel: per1KTokens.optional(),
    embeddingsCostPerModel: per1KTokens.optional(),
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

// settingProblems as JSON Schema for the API document: a built-in provider takes its known parameters and
// needs its required ones; any other provider must be a custom provider (not expressible: it is data).
function forbiddenParamsDoc(provider: string) {
  const forbidden = [
    ...(provider === 'azure' ? [] : ['deployments']),
    ...(provider === 'bedrock' ? [] : BEDROCK_ONLY),
  ];
  return forbidden.length ? { not: { anyOf: forbidden.map((name) => ({ required: [name] })) } } : {};
}

const BUILT_IN_SETTINGS_DOC = {
  allOf: BUILT_IN_PROVIDERS.map((provider) => ({
    if: { properties: { provider: { const: provider } }, required: ['provider'] },
    then: {
      properties: {
        setting: {
          ...z.toJSONSchema(BuiltInParamsSchema, { io: 'input' }),
          required: [...REQUIRED_PARAMS[provider]],
          // Only Azure paths name deployments, only Bedrock takes AWS credentials (settingProblems).
          ...forbiddenParamsDoc(provider),
        },
      },
    },
  })),
};

export const CreateProviderSettingSchema = z
  .object({
    provider: z.string().min(1),
    name: z.string().default(''),
    setting: SettingParamsSchema,
    allowedModels: z.array(z.string().min(1)).default([]),
    costMap: CostMapSchema.nullable().default(null),
  })
  .strict()
  .meta(BUILT_IN_SETTINGS_DOC);
export type CreateProviderSettingDto = z.infer<typeof CreateProviderSettingSchema>;

// Splits the setting map into its public parameters and its secrets (apikey, and a custom provider's
// authentication parameter).
export function splitSecrets(
  params: Record<string, string | undefined>,
  extraSecretKeys: readonly string[] = [],
): {
  setting: Record<string, string>;
  secrets: Record<string, string>;
} {
  const setting: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if ((SECRET_SETTING_KEYS as readonly string[]).includes(name) || extraSecretKeys.includes(name)) {
      secrets[name] = value;
    } else setting[name] = value;
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
