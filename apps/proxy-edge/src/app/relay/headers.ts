import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// Never forwarded upstream: the gateway's own credentials and headers, what the HTTP client sets itself, and
// cookies (a browser client's cookies for the gateway's domain are no business of the provider's).
const NOT_FORWARDED = new Set([
  'cookie',
  'host',
  'content-length',
  'authorization',
  'x-api-key',
  'api-key',
  'x-custom-event-id',
  'x-request-timeout',
  'accept-encoding',
]);

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  providerAuth: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const connectionListed = listedInConnection(incoming['connection']);
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || connectionListed.has(name))
      continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Identity, so the usage tee reads plain bytes.
  headers['accept-encoding'] = 'identity';
  return { ...headers, ...providerAuth };
}

// Never returned to the client: a provider's cookies (load-balancer affinity, sessions) would be set on the
// gateway's domain, shared by every key holder's browser client. Nor its CORS answer: the gateway's own (the
// echoed Origin, cors/proxy-cors.ts) is what a browser must see.
const NOT_RETURNED = new Set([
  'set-cookie',
  'set-cookie2',
  'access-control-allow-origin',
  'access-control-allow-credentials',
]);

export function clientResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const connectionListed = listedInConnection(upstream['connection']);
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name) || NOT_RETURNED.has(name) || connectionListed.has(name))
      continue;
    headers[name] = value;
  }
  return headers;
}

function listedInConnection(value: string | string[] | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}
