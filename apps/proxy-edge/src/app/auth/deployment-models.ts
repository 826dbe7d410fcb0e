import type { ProviderSettingView } from '../request/request-context';
import type { RouteMatch } from '../request/route-match';

// Azure's path names a deployment, not a model (and Azure ignores a body's model). A setting maps its
// deployments to the models they serve in its `deployments` parameter ("prod-chat=gpt-4o-mini,eu=gpt-4o");
// a deployment it does not map is taken to serve the model it is named after, as Azure's defaults are.
const DEPLOYMENT_ROUTE = '/deployments/:deployment_id/';
const DEPLOYMENT = /\/deployments\/([^/?]+)/;

export function deploymentOf(route: RouteMatch): string | null {
  if (!route.route.template.includes(DEPLOYMENT_ROUTE)) return null;
  const name = DEPLOYMENT.exec(route.upstream.path)?.[1];
  return name ? decodeURIComponent(name) : null;
}

export function deploymentModelsOf(setting: Pick<ProviderSettingView, 'setting'>): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (setting.setting['deployments'] ?? '').split(',')) {
    const [deployment, model] = pair.split('=').map((part) => part.trim());
    if (deployment && model) map.set(deployment, model);
  }
  return map;
}

// What a request is checked against allow-lists as (its model; a deployment and the model it maps to), and
// the model it is priced as before the call.
export function requestModelsOf(
  route: RouteMatch,
  requestModel: string,
  setting: Pick<ProviderSettingView, 'setting'>,
): { names: string[]; model: string } {
  const deployment = deploymentOf(route);
  if (!deployment) return { names: [requestModel], model: requestModel };
  const mapped = deploymentModelsOf(setting).get(deployment);
  return { names: mapped ? [deployment, mapped] : [deployment], model: mapped ?? deployment };
}
