import {
  anthropicErrorBody,
  bedrockInvokeOf,
  isBedrockModelId,
  PROVIDER_ADAPTERS,
  USAGE_READERS,
  type ProviderAdapter,
} from '@tollgate/providers';
import { ProxyError } from '../request/proxy-error';
import type { ProxyRoute, RouteMatch } from '../request/route-match';
import { pathOf } from './path-guard';
import { PROXY_ROUTES } from './proxy-routes';

export type RouteLookup =
  { match: RouteMatch } | { provider: string | null; notFound: true; message?: string };

// What a route parameter (an id, a deployment, a model) may hold: letters, digits, . _ ~ - : @, and the
// encodings of : and @ (the openai SDKs encode a fine-tuned model's colons). Nothing a server could read as
// a separator or a dot segment.
const PARAM = String.raw`((?:[A-Za-z0-9._~:@-]|%3[Aa]|%40)+)`;

interface Compiled {
  route: ProxyRoute;
  pattern: RegExp;
  // The template split at its parameters: the upstream path is rebuilt from these and the captured values.
  parts: string[];
}

// Static segments win over parameters (/v1/threads/runs before /v1/threads/:thread_id), as in gin.
const compiled: Compiled[] = PROXY_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.template.replace(/:[a-z_]+/g, PARAM)}$`),
  parts: route.template.split(/:[a-z_]+/),
})).sort((a, b) => paramCount(a.route.template) - paramCount(b.route.template));

function paramCount(template: string): number {
  return (template.match(/:/g) ?? []).length;
}

// The route a provider path names. The path the provider receives is built from the route's template and the
// parameters it captured, never copied from the request (which the path guard has already checked).
export function matchRoute(method: string, url: string): RouteLookup {
  const path = pathOf(url);
  const found = find(method, path);
  if (!found) return { provider: providerInPath(path), notFound: true };
  const { route, parts, values } = found;
  const adapter = adapterOf(route);
  if (!adapter || route.usage === 'custom') return { provider: route.provider, notFound: true };
  const gatewayPath = expand(parts, values);
  const fieldsOf = route.modelInPath ? modelFromPath(values[0] ?? '', route.modelInPath.streams) : null;
  return {
    match: {
      ...(fieldsOf ? { fieldsOf } : {}),
      ...(route.anthropicOnBedrock ? { toUpstream: bedrockInvoke } : {}),
      route,
      adapter,
      reader: USAGE_READERS[route.usage],
      path: gatewayPath,
      upstream: {
        path: gatewayPath.slice(`/api/providers/${route.provider}`.length),
        query: url.slice(path.length),
      },
    },
  };
}

// The model a Bedrock path names (the SDK encodes a model id's colon), whether it streams, and the body as
// the prompt to count.
function modelFromPath(param: string, stream: boolean): RouteMatch['fieldsOf'] {
  const model = decodeURIComponent(param);
  return (body) => ({ model, stream, prompt: body });
}

// Anthropic's API on Bedrock answers the gateway's errors in Anthropic's shape (its clients are Anthropic's).
const BEDROCK_ANTHROPIC_ADAPTER: ProviderAdapter | undefined = PROVIDER_ADAPTERS['bedrock'] && {
  ...PROVIDER_ADAPTERS['bedrock'],
  errorBody: anthropicErrorBody,
};

function adapterOf(route: ProxyRoute): ProviderAdapter | undefined {
  return route.anthropicOnBedrock ? BEDROCK_ANTHROPIC_ADAPTER : PROVIDER_ADAPTERS[route.provider];
}

// The body's model becomes the Bedrock path's: it must be a Bedrock model id, nothing a path could misread.
function bedrockInvoke(bytes: Buffer, model: string, stream: boolean) {
  if (!isBedrockModelId(model))
    throw new ProxyError(
      'model_required',
      'name a Bedrock model id, e.g. anthropic.claude-3-haiku-20240307-v1:0',
    );
  const { bytes: body, path } = bedrockInvokeOf(bytes, model, stream);
  return { bytes: body, upstream: { path, query: '' } };
}

function find(method: string, path: string): (Compiled & { values: string[] }) | null {
  for (const candidate of compiled) {
    if (candidate.route.method !== method) continue;
    const captured = candidate.pattern.exec(path);
    if (captured) return { ...candidate, values: captured.slice(1) };
  }
  return null;
}

function expand(parts: string[], values: string[]): string {
  return parts.reduce((path, part, i) => path + part + (values[i] ?? ''), '');
}

// The provider a path names (for the error shape of a refusal), known or not.
export function providerInPath(path: string): string | null {
  return /^\/api\/providers\/([^/]+)/.exec(path)?.[1] ?? null;
}
