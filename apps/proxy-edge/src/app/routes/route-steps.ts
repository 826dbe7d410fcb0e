import { PROVIDER_ADAPTERS, type UpstreamTarget } from '@tollgate/providers';
import type { GatewayKey, ProviderSettingView } from '../request/request-context';
import type { PlannedStep, RouteRun, RouteStep, StepFormat } from '../request/route-run';
import type { CustomRouteResolver } from '../routing/resolve-route.stage';

export interface StepSettings {
  settings(ids: readonly string[]): ProviderSettingView[];
}

// Where a step's request goes at its provider, by the route's kind.
function targetOf(step: RouteStep, kind: RouteRun['kind']): UpstreamTarget {
  const endpoint = kind === 'chat' ? 'chat/completions' : 'embeddings';
  if (step.provider === 'azure') {
    const deployment = encodeURIComponent(step.params['deploymentId'] ?? '');
    const version = encodeURIComponent(step.params['apiVersion'] ?? '');
    return { path: `/openai/deployments/${deployment}/${endpoint}`, query: `?api-version=${version}` };
  }
  if (step.provider === 'anthropic') return { path: '/v1/messages', query: '' };
  return { path: `/v1/${endpoint}`, query: '' };
}

const formatOf = (provider: string): StepFormat => (provider === 'anthropic' ? 'anthropic' : 'openai');

// The steps the key can run, in the route's order: each with the key's first setting for its provider (as
// BricksLLM picks it). A step whose provider the key has no setting for, or that cannot serve the route's
// kind (Anthropic has no embeddings), is left out; config-admin refuses such routes, but a key's settings may
// change after the route was created.
export function planSteps(
  run: RouteRun,
  key: GatewayKey,
  keys: StepSettings,
  customRoutes: CustomRouteResolver,
): PlannedStep[] {
  const settings = keys.settings(key.settingIds);
  const planned: PlannedStep[] = [];
  run.config.steps.forEach((step, index) => {
    const setting = settings.find((s) => s.provider === step.provider);
    if (!setting) return;
    if (step.provider === 'anthropic' && run.kind === 'embeddings') return;
    const adapter = PROVIDER_ADAPTERS[step.provider] ?? customAdapter(step, run.kind, customRoutes);
    if (!adapter) return;
    const target = targetOf(step, run.kind);
    planned.push({ index, step, setting, adapter, target, format: formatOf(step.provider) });
  });
  return planned;
}

// A custom provider speaks OpenAI's format at the target URL of its route config for the route's endpoint.
function customAdapter(step: RouteStep, kind: RouteRun['kind'], customRoutes: CustomRouteResolver) {
  const endpoint = kind === 'chat' ? 'chat/completions' : 'embeddings';
  for (const path of [`/${endpoint}`, `/v1/${endpoint}`]) {
    const lookup = customRoutes.resolve('POST', `/api/custom/providers/${step.provider}${path}`);
    if ('match' in lookup) return lookup.match.adapter;
  }
  return undefined;
}
