import { Injectable } from '@nestjs/common';
import type { RouteSnapshot } from '@tollgate/contracts';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { openAiAdapter, USAGE_READERS } from '@tollgate/providers';
import type { ProxyRoute, RouteMatch } from '../request/route-match';
import type { RouteRun } from '../request/route-run';
import { pathOf } from './path-guard';

// BricksLLM serves routes at /api/routes/<path>; its README writes /api/route/<path>: both are served.
const ROUTE_PREFIXES = ['/api/routes', '/api/route'];

export function isGatewayRoutePath(url: string): boolean {
  return ROUTE_PREFIXES.some((prefix) => url.startsWith(`${prefix}/`));
}

export type GatewayRouteLookup = { match: RouteMatch; run: RouteRun } | { notFound: true; message: string };

// The client speaks OpenAI's chat or embeddings format to a route, whatever its steps' providers: the request
// is read, limited, metered and answered as an OpenAI request (errors in OpenAI's shape); the steps are
// tried by the route call (routes/).
function routeOf(kind: RouteRun['kind']): ProxyRoute {
  return {
    provider: 'openai',
    method: 'POST',
    template: '/api/routes/*path',
    body: 'json',
    usage: 'openai',
    unit: 'tokens',
    injectStreamUsage: kind === 'chat',
  };
}

@Injectable()
export class GatewayRoutes {
  constructor(private readonly model: ConfigReadModel) {}

  resolve(method: string, url: string): GatewayRouteLookup {
    const path = pathOf(url);
    const prefix = ROUTE_PREFIXES.find((p) => path.startsWith(`${p}/`)) ?? '';
    const config = this.model.route(path.slice(prefix.length));
    if (!config) return { notFound: true, message: `route ${path.slice(prefix.length)} is not found` };
    if (method !== 'POST') return { notFound: true, message: 'a route answers POST only' };
    const kind = config.requestFormat === 'openai_embeddings' ? 'embeddings' : 'chat';
    return {
      match: {
        route: routeOf(kind),
        adapter: openAiAdapter,
        reader: USAGE_READERS.openai,
        path,
        upstream: { path: kind === 'chat' ? '/v1/chat/completions' : '/v1/embeddings', query: '' },
      },
      run: newRun(config, kind),
    };
  }
}

function newRun(config: RouteSnapshot, kind: RouteRun['kind']): RouteRun {
  return { config, kind, requestedModel: '', steps: [], answeredStep: null, attempts: [], cache: null };
}
