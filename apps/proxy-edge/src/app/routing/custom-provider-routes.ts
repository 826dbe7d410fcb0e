import { Injectable } from '@nestjs/common';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import {
  customUsageReader,
  gjsonGet,
  gjsonText,
  openAiErrorBody,
  type ProviderAdapter,
} from '@tollgate/providers';
import type { ProxyRoute } from '../request/route-match';
import { pathOf } from './path-guard';
import type { RouteLookup } from './route-matcher';

const PREFIX = '/api/custom/providers/';

// Resolves /api/custom/providers/:provider/<path> against the custom providers in the read model: the route
// config whose path equals <path> gives the target URL and the gjson locations of model, stream and text.
@Injectable()
export class CustomProviderRoutes {
  constructor(private readonly model: ConfigReadModel) {}

  resolve(method: string, url: string): RouteLookup {
    const path = pathOf(url);
    const rest = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : '';
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    const provider = this.model.customProvider(name);
    if (!provider)
      return { provider: name, notFound: true, message: `requested custom provider ${name} is not found` };
    const routePath = slash === -1 ? '/' : rest.slice(slash);
    // Matched by equality with a configured path; the upstream URL is the route's configured target.
    const config = provider.route_configs.find((c) => c.path === routePath);
    if (!config || method !== 'POST')
      return { provider: name, notFound: true, message: 'route config is not found' };

    const route: ProxyRoute = {
      provider: name,
      method: 'POST',
      template: '/api/custom/providers/:provider/*wildcard',
      body: 'json',
      usage: 'custom',
      unit: 'tokens',
      injectStreamUsage: false,
    };
    // The secret named by the provider's authentication parameter, sent as a bearer token (as BricksLLM does).
    const param = provider.authentication_param || 'apikey';
    const adapter: ProviderAdapter = {
      name,
      modelSource: 'request',
      upstreamUrl: () => config.target_url,
      authHeaders: (secrets): Record<string, string> =>
        secrets[param] ? { authorization: `Bearer ${secrets[param]}` } : {},
      errorBody: openAiErrorBody,
    };
    return {
      match: {
        route,
        adapter,
        reader: customUsageReader(config),
        path,
        // Unused: the target URL is the route config's, whatever the request path.
        upstream: { path: routePath, query: '' },
        fieldsOf: (body) => {
          const model = gjsonGet(body, config.model_location);
          return {
            model: typeof model === 'string' ? model : '',
            stream: config.stream_location ? gjsonGet(body, config.stream_location) === true : false,
            prompt: { prompt: gjsonText(body, config.request_prompt_location) },
          };
        },
      },
    };
  }
}
