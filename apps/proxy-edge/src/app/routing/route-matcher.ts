import { PROVIDER_ADAPTERS, USAGE_READERS } from '@tollgate/providers';
import type { ProxyRoute, RouteMatch } from '../request/route-match';
import { PROXY_ROUTES } from './proxy-routes';

export type RouteLookup =
  { match: RouteMatch } | { provider: string | null; notFound: true; message?: string };

interface Compiled {
  route: ProxyRoute;
  pattern: RegExp;
}

// Static segments win over parameters (/v1/threads/runs before /v1/threads/:thread_id), as in gin.
const compiled: Compiled[] = PROXY_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.template.replace(/:[a-z_]+/g, '[^/]+')}$`),
})).sort((a, b) => paramCount(a.route.template) - paramCount(b.route.template));

function paramCount(template: string): number {
  return (template.match(/:/g) ?? []).length;
}

export function matchRoute(method: string, url: string): RouteLookup {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const found = compiled.find((c) => c.route.method === method && c.pattern.test(path));
  if (!found) return { provider: /^\/api\/providers\/([^/]+)/.exec(path)?.[1] ?? null, notFound: true };
  const prefix = `/api/providers/${found.route.provider}`;
  const adapter = PROVIDER_ADAPTERS[found.route.provider];
  if (!adapter || found.route.usage === 'custom') return { provider: found.route.provider, notFound: true };
  return {
    match: {
      route: found.route,
      adapter,
      reader: USAGE_READERS[found.route.usage],
      upstreamSuffix: url.slice(prefix.length),
    },
  };
}
