import { cacheScope, routeCacheKey, StreamRecorder, type CachedResponse } from '@tollgate/response-cache';
import type { Admitted } from '../request/request-context';
import type { RouteRun } from '../request/route-run';
import { durationMs } from './retry-policy';
import { bodyOf, type StepAnswer } from './step-response';

// A cached answer bigger than this is not stored (its copy is dropped as soon as it passes the cap).
const MAX_CACHED_BYTES = 4 * 1024 * 1024;
const DEFAULT_TTL_MS = 168 * 3_600_000;

export interface ResponseStore {
  get(key: string): Promise<CachedResponse | null>;
  put(key: string, value: CachedResponse, ttlSeconds: number): Promise<void>;
}

// The cache key of a route request, or null when the route does not cache: the route, whose cache (the key,
// or its tags when the route shares), the model asked for and the whole request body.
export function routeCacheKeyOf(ctx: Admitted, run: RouteRun): string | null {
  if (!run.config.cacheConfig.enabled) return null;
  return routeCacheKey({
    routeId: run.config.id,
    scope: cacheScope({
      keyId: ctx.key.keyId,
      tags: ctx.key.tags,
      shareByTags: run.config.cacheConfig.shared,
    }),
    model: run.requestedModel,
    body: ctx.request.json,
  });
}

// A stored answer, replayed as the bytes the first client got (the same SSE for a stream).
export function replayed(hit: CachedResponse): StepAnswer {
  return {
    statusCode: hit.status,
    headers: { 'content-type': hit.contentType },
    body: bodyOf(Buffer.from(hit.body, 'utf8')),
  };
}

// Hands the answer on while keeping a copy; stored only once the body has ended whole (a broken stream or a
// client that left stores nothing), and only a 200.
export function recording(
  answer: StepAnswer,
  store: ResponseStore,
  key: string,
  run: RouteRun,
  model: string,
): StepAnswer {
  if (answer.statusCode !== 200) return answer;
  const contentType = String(answer.headers['content-type'] ?? 'application/json');
  const ttlSeconds = durationMs(run.config.cacheConfig.ttl, DEFAULT_TTL_MS) / 1000;
  const recorder = new StreamRecorder(MAX_CACHED_BYTES);
  async function* body(): AsyncIterable<Buffer> {
    for await (const chunk of answer.body) {
      recorder.append(chunk);
      yield chunk;
    }
    if (recorder.overflowed) return;
    const value: CachedResponse = {
      status: 200,
      contentType,
      body: recorder.text(),
      stream: contentType.includes('text/event-stream'),
      model,
      usage: null,
      storedAt: Date.now(),
    };
    // Best effort, off the response's path: a failed store is a later miss.
    void store.put(key, value, ttlSeconds);
  }
  return { ...answer, body: body() };
}
