// The cache key of a route request: sha256 over the route, the tenant scope, the model and the whole
// request body, normalized.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface RouteCacheKeyInput {
  routeId: string;
  // Whose cache: cacheScope() below.
  scope: string;
  model: string;
  body: unknown;
}

// Fields that do not change the answer, left out of the key. Everything else is in it, fields the gateway
// does not know included: an unknown parameter may change the answer, and a missed hit costs less than a
// wrong one. stream is in (a streamed and an unstreamed answer are different bytes), and so is
// stream_options.include_usage (it adds the usage chunk to the replayed stream); include_obfuscation is
// random padding.
const IGNORED_FIELDS = [
  'model',
  'store',
  'metadata',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
];

function normalizedRequest(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const request: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of IGNORED_FIELDS) delete request[field];
  const streamOptions = request['stream_options'];
  delete request['stream_options'];
  if (request['stream'] !== true) delete request['stream'];
  else if (typeof streamOptions === 'object' && streamOptions !== null) {
    const includeUsage = (streamOptions as Record<string, unknown>)['include_usage'];
    if (includeUsage === true) request['stream_options'] = { include_usage: true };
  }
  return request;
}

export function routeCacheKey(input: RouteCacheKeyInput): string {
  const canonical = canonicalJson({
    v: 1,
    routeId: input.routeId,
    scope: input.scope,
    model: input.model,
    request: normalizedRequest(input.body),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

// A key's own cache, or (when the route lets keys share) the cache of every key with the same tags.
export function cacheScope(input: { keyId: string; tags: readonly string[]; shareByTags: boolean }): string {
  if (!input.shareByTags) return `key:${input.keyId}`;
  return `tags:${JSON.stringify([...new Set(input.tags)].sort())}`;
}
