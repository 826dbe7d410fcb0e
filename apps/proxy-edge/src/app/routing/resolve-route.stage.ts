import { ProxyError } from '../request/proxy-error';
import type { RequestContext, Routed } from '../request/request-context';
import { checkRequestPath, pathOf } from './path-guard';
import { isGatewayRoutePath, type GatewayRouteLookup } from './gateway-routes';
import type { RouteLookup } from './route-matcher';
import { matchRoute, providerInPath } from './route-matcher';

const CUSTOM_PROVIDERS = '/api/custom/providers/';

// Custom providers are resolved against the live config; provider paths against the static route table.
export interface CustomRouteResolver {
  resolve(method: string, url: string): RouteLookup;
}

export interface GatewayRouteResolver {
  resolve(method: string, url: string): GatewayRouteLookup;
}

const NO_GATEWAY_ROUTES: GatewayRouteResolver = {
  resolve: () => ({ notFound: true, message: 'route is not found' }),
};

// Stage 1: which route the path names, and so which provider serves it and how it is billed. An unsafe path
// is refused first (400), before anything matches, prices or limits it.
export class ResolveRouteStage {
  constructor(
    private readonly customRoutes: CustomRouteResolver,
    private readonly gatewayRoutes: GatewayRouteResolver = NO_GATEWAY_ROUTES,
  ) {}

  run(ctx: RequestContext): Routed {
    const method = ctx.req.method ?? '';
    const url = ctx.req.url ?? '';
    if (isGatewayRoutePath(url)) return this.gatewayRoute(ctx, method, url);
    const custom = url.startsWith(CUSTOM_PROVIDERS);
    // Known before the path is checked: a refusal is answered in that provider's error shape.
    ctx.provider = custom ? '' : (providerInPath(pathOf(url)) ?? '');
    checkRequestPath(url);
    const lookup = custom ? this.customRoutes.resolve(method, url) : matchRoute(method, url);
    if ('match' in lookup)
      return Object.assign(ctx, { provider: lookup.match.route.provider, route: lookup.match });
    ctx.provider = lookup.provider ?? '';
    throw new ProxyError('route_not_supported', lookup.message ?? 'route not supported');
  }

  // A configured route (/api/routes/<path>): answered in OpenAI's shape; its steps are chosen after
  // authentication, when the key's settings are known.
  private gatewayRoute(ctx: RequestContext, method: string, url: string): Routed {
    ctx.provider = 'openai';
    checkRequestPath(url);
    const lookup = this.gatewayRoutes.resolve(method, url);
    if ('notFound' in lookup) throw new ProxyError('route_not_supported', lookup.message);
    return Object.assign(ctx, { route: lookup.match, routeRun: lookup.run, provider: 'openai' });
  }
}
