import { ProxyError } from '../request/proxy-error';
import type { RequestContext, Routed } from '../request/request-context';
import { checkRequestPath, pathOf } from './path-guard';
import type { RouteLookup } from './route-matcher';
import { matchRoute, providerInPath } from './route-matcher';

const CUSTOM_PROVIDERS = '/api/custom/providers/';

// Custom providers are resolved against the live config; provider paths against the static route table.
export interface CustomRouteResolver {
  resolve(method: string, url: string): RouteLookup;
}

// Stage 1: which route the path names, and so which provider serves it and how it is billed. An unsafe path
// is refused first (400), before anything matches, prices or limits it.
export class ResolveRouteStage {
  constructor(private readonly customRoutes: CustomRouteResolver) {}

  run(ctx: RequestContext): Routed {
    const method = ctx.req.method ?? '';
    const url = ctx.req.url ?? '';
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
}
