import { describe, expect, it } from 'vitest';
import { makeKey, makeRoute, type RouteOverrides } from '@tollgate/testing';
import type { ProviderSettingView } from '../request/request-context';
import type { RouteRun } from '../request/route-run';
import { planSteps } from './route-steps';

const setting = (id: string, provider: string): ProviderSettingView => ({
  id,
  provider,
  setting: { url: `http://${provider}.test` },
  secrets: { apikey: 'k' },
  allowedModels: [],
  costMap: null,
});
const SETTINGS = [setting('o', 'openai'), setting('z', 'azure'), setting('a', 'anthropic')];
const keys = { settings: (ids: readonly string[]) => SETTINGS.filter((s) => ids.includes(s.id)) };
const noCustom = { resolve: () => ({ provider: null, notFound: true as const }) };

function runOf(kind: RouteRun['kind'], steps: RouteOverrides['steps']): RouteRun {
  return {
    config: makeRoute({ steps }),
    kind,
    requestedModel: '',
    steps: [],
    answeredStep: null,
    attempts: [],
    cache: null,
  };
}

describe(planSteps.name, () => {
  it('plans each step with the key setting for its provider and its upstream path', () => {
    const run = runOf('chat', [
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'azure', model: 'gpt-4o', params: { deploymentId: 'dep', apiVersion: '2024-10-21' } },
      { provider: 'anthropic', model: 'claude-sonnet-4-6' },
    ]);
    const planned = planSteps(run, makeKey({ settingIds: ['o', 'z', 'a'] }), keys, noCustom);
    expect(
      planned.map((p) => [p.index, p.setting.id, p.format, p.adapter.upstreamUrl(p.setting, p.target)]),
    ).toEqual([
      [0, 'o', 'openai', 'http://openai.test/v1/chat/completions'],
      [1, 'z', 'openai', 'http://azure.test/openai/deployments/dep/chat/completions?api-version=2024-10-21'],
      [2, 'a', 'anthropic', 'http://anthropic.test/v1/messages'],
    ]);
  });

  it('leaves out steps the key has no setting for, and Anthropic steps of an embeddings route', () => {
    const run = runOf('embeddings', [
      { provider: 'anthropic', model: 'x' },
      { provider: 'azure', model: 'text-embedding-3-small', params: { deploymentId: 'd', apiVersion: 'v' } },
      { provider: 'openai', model: 'text-embedding-3-small' },
    ]);
    const planned = planSteps(run, makeKey({ settingIds: ['o', 'a'] }), keys, noCustom);
    expect(planned.map((p) => [p.index, p.target.path])).toEqual([[2, '/v1/embeddings']]);
  });
});
