import { describe, expect, it } from 'vitest';
import {
  anthropicAdapter,
  azureAdapter,
  deepInfraAdapter,
  openAiAdapter,
  vllmAdapter,
} from './provider-adapters';

const view = (setting: Record<string, string> = {}) => ({ setting, secrets: { apikey: 'sk-1' } });

describe('provider adapters', () => {
  it.each([
    [openAiAdapter, view(), '/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    [openAiAdapter, view({ url: 'http://127.0.0.1:9/' }), '/v1/models', 'http://127.0.0.1:9/v1/models'],
    [
      azureAdapter,
      view({ resourceName: 'acme' }),
      '/openai/deployments/gpt4/chat/completions?api-version=2024-10-21',
      'https://acme.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=2024-10-21',
    ],
    [anthropicAdapter, view(), '/v1/messages', 'https://api.anthropic.com/v1/messages'],
    [vllmAdapter, view({ url: 'http://gpu:8000' }), '/v1/completions', 'http://gpu:8000/v1/completions'],
    [
      deepInfraAdapter,
      view(),
      '/v1/chat/completions',
      'https://api.deepinfra.com/v1/openai/chat/completions',
    ],
    [deepInfraAdapter, view({ url: 'http://di.local' }), '/v1/embeddings', 'http://di.local/v1/embeddings'],
  ])('%s builds the upstream URL', (adapter, setting, suffix, url) => {
    const [path = '', query = ''] = suffix.split(/(?=\?)/);
    expect(adapter.upstreamUrl(setting, { path, query })).toBe(url);
  });

  it('authenticates each provider its own way', () => {
    expect(openAiAdapter.authHeaders({ apikey: 'k' })).toEqual({ authorization: 'Bearer k' });
    expect(azureAdapter.authHeaders({ apikey: 'k' })).toEqual({ 'api-key': 'k' });
    expect(anthropicAdapter.authHeaders({ apikey: 'k' })).toEqual({ 'x-api-key': 'k' });
    expect(vllmAdapter.authHeaders({})).toEqual({});
  });

  it('answers gateway errors in each provider family shape', () => {
    expect(openAiAdapter.errorBody(401, 'invalid_api_key', 'no')).toMatchObject({
      error: { code: 'invalid_api_key' },
    });
    expect(anthropicAdapter.errorBody(401, 'invalid_api_key', 'no')).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
    expect(anthropicAdapter.errorBody(502, 'upstream_unreachable', 'no')).toMatchObject({
      error: { type: 'api_error' },
    });
  });
});
