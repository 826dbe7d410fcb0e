import type { ProviderAdapter, ProviderSettingView } from '../provider-adapter';
import { anthropicErrorBody, openAiErrorBody } from './error-bodies';
import { bedrockAdapter } from './bedrock-adapter';
import { joinUpstreamUrl } from './upstream-url';

// A setting's `url` replaces the provider's base URL: the part before the provider's own path.
const baseOf = (setting: ProviderSettingView, fallback: string) => setting.setting['url'] ?? fallback;
const bearer = (secrets: Record<string, string>): Record<string, string> =>
  secrets['apikey'] ? { authorization: `Bearer ${secrets['apikey']}` } : {};

export const openAiAdapter: ProviderAdapter = {
  name: 'openai',
  modelSource: 'request',
  upstreamUrl: (setting, target) => joinUpstreamUrl(baseOf(setting, 'https://api.openai.com'), target),
  authHeaders: bearer,
  errorBody: openAiErrorBody,
};

// /openai/deployments/:id/... with the client's api-version, on https://<resourceName>.openai.azure.com.
// The path names a deployment, not a model: the response's model is the one billed.
export const azureAdapter: ProviderAdapter = {
  name: 'azure',
  modelSource: 'response',
  upstreamUrl: (setting, target) =>
    joinUpstreamUrl(
      baseOf(setting, `https://${setting.setting['resourceName'] ?? ''}.openai.azure.com`),
      target,
    ),
  authHeaders: (secrets): Record<string, string> =>
    secrets['apikey'] ? { 'api-key': secrets['apikey'] } : {},
  errorBody: openAiErrorBody,
};

export const anthropicAdapter: ProviderAdapter = {
  name: 'anthropic',
  modelSource: 'request',
  upstreamUrl: (setting, target) => joinUpstreamUrl(baseOf(setting, 'https://api.anthropic.com'), target),
  authHeaders: (secrets): Record<string, string> =>
    secrets['apikey'] ? { 'x-api-key': secrets['apikey'] } : {},
  errorBody: anthropicErrorBody,
};

// vLLM has no public URL: the setting's url is required (config-admin enforces it).
export const vllmAdapter: ProviderAdapter = {
  name: 'vllm',
  modelSource: 'request',
  upstreamUrl: (setting, target) => joinUpstreamUrl(baseOf(setting, 'http://127.0.0.1:8000'), target),
  authHeaders: bearer,
  errorBody: openAiErrorBody,
};

// DeepInfra's OpenAI-compatible API lives under /v1/openai; a custom url replaces the part before /v1.
export const deepInfraAdapter: ProviderAdapter = {
  name: 'deepinfra',
  modelSource: 'request',
  upstreamUrl: (setting, target) =>
    setting.setting['url']
      ? joinUpstreamUrl(setting.setting['url'], target)
      : joinUpstreamUrl('https://api.deepinfra.com/v1/openai', {
          ...target,
          path: target.path.replace(/^\/v1/, ''),
        }),
  authHeaders: bearer,
  errorBody: openAiErrorBody,
};

export const PROVIDER_ADAPTERS: Record<string, ProviderAdapter> = Object.fromEntries(
  [openAiAdapter, azureAdapter, anthropicAdapter, vllmAdapter, deepInfraAdapter, bedrockAdapter].map((a) => [
    a.name,
    a,
  ]),
);
