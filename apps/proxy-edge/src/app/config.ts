import { z } from 'zod';
import {
  DatabaseEnv,
  KafkaEnv,
  LogEnv,
  parseGoDuration,
  port,
  RedisEnv,
  SecretsEnv,
} from '@tollgate/platform-config';
import { priceSchema } from '@tollgate/pricing';
import { ConfigSyncEnv, UnknownKeyEnv } from '@tollgate/platform-config-sync';

// Bounded like every price (libs/pricing price-bounds.ts): the proxy refuses to start on a price it cannot bill.
const usdPerMillionTokens = z.coerce.number().pipe(priceSchema('usdPerMillionTokens')).optional();

// A positive Go duration (BricksLLM's format, e.g. 30s or 10m), as milliseconds.
const goDuration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseGoDuration(value);
      if (ms === null || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive Go duration such as 30s or 10m' });
        return z.NEVER;
      }
      return ms;
    });
const MIB = 1024 * 1024;

export const ProxyEdgeEnv = DatabaseEnv.extend(KafkaEnv.shape)
  .extend(RedisEnv.shape)
  .extend(LogEnv.shape)
  .extend(SecretsEnv.shape)
  .extend(ConfigSyncEnv.shape)
  .extend(UnknownKeyEnv.shape)
  .extend({
    PROXY_EDGE_PORT: port(8002),
    // GET /metrics (Prometheus) listens here, never on the proxy's public port. Unset: PROXY_EDGE_PORT + 1100
    // (9102 by default), so instances on one host with distinct proxy ports never collide (docs/adr/0021).
    PROXY_EDGE_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // Key ids with a series of their own on the key-labelled metrics; keys past it share key="other".
    METRICS_MAX_KEY_SERIES: z.coerce.number().int().nonnegative().default(1000),
    // Upstream timeout when the client sends no x-request-timeout, as a Go duration (BricksLLM's PROXY_TIMEOUT).
    PROXY_TIMEOUT: goDuration('600s'),
    // The longest x-request-timeout a client may ask for; a longer one is clamped to it.
    PROXY_TIMEOUT_MAX: goDuration('30m'),
    // Largest request body: 413 past it. 32 MiB holds a 20 MB image base64-encoded in a chat message (OpenAI's
    // per-image limit; Anthropic's request limit is 32 MB). Uploads stream through under the same limit.
    MAX_REQUEST_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * MIB),
    // Request bytes the process holds in memory at once, across every request in flight (JSON bodies, the
    // heads of uploads): 503 past it. Parsing multiplies what a byte costs by a few.
    MAX_BUFFERED_REQUEST_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * MIB),
    // The most of that one key may hold (429 past it); unset: a quarter of MAX_BUFFERED_REQUEST_BYTES, and at
    // least one largest body. One key's bodies, however large or slow, leave the rest to other tenants.
    MAX_BUFFERED_REQUEST_BYTES_PER_KEY: z.coerce.number().int().positive().optional(),
    // Deepest nesting of a JSON request body: 400 past it (JSON schemas of tools nest a dozen levels at most).
    MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
    // Requests refused before their key is known (401, 404, 400) are counted; at most this many a second are
    // published as usage events, the rest are summarized in a log line.
    UNAUTHENTICATED_EVENTS_PER_SECOND: z.coerce.number().int().nonnegative().default(10),
    // The most of a request or response body logged on its event (keys with shouldLogRequest/Response).
    LOG_BODY_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    // Usage events wait here while Kafka is unreachable, and are sent when it answers again.
    USAGE_SPOOL_DIR: z.string().min(1).default('/var/tmp/tollgate/spool'),
    USAGE_SPOOL_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024),
    // Redis unreachable while a key has limits: refuse with 503 (closed) or admit and log (open).
    LIMITS_ON_REDIS_ERROR: z.enum(['fail_closed', 'fail_open']).default('fail_closed'),
    // How long admission waits for Redis before treating it as unreachable.
    LIMITS_REDIS_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
    // Output tokens reserved for a request that sets no max_tokens, when a spend or token limit applies.
    LIMITS_DEFAULT_MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().default(4096),
    // A stream that ends at its limits (endStreamsAtLimit) asks for room for this many more output tokens at
    // a time once it has used what it reserved.
    LIMITS_STREAM_STEP_TOKENS: z.coerce.number().int().positive().default(256),
    // A model the pricing catalog does not know: refuse it (block), refuse it only where a spend limit
    // applies and record it unpriced otherwise (block_when_limited), or bill it at a default price.
    UNKNOWN_MODEL_POLICY: z
      .enum(['block', 'block_when_limited', 'default_price'])
      .default('block_when_limited'),
    UNKNOWN_MODEL_INPUT_PRICE: usdPerMillionTokens,
    UNKNOWN_MODEL_OUTPUT_PRICE: usdPerMillionTokens,
    // pii-redaction's origin: prompts of keys whose PII policy has a rule other than allow are scanned there.
    PII_REDACTION_URL: z.url().default('http://127.0.0.1:8004'),
    // How long the scan may take (the service answers within it; the client waits 50 ms more).
    PII_SCAN_DEADLINE_MS: z.coerce.number().int().positive().max(60_000).default(1_000),
    // The scan unreachable or late: refuse with 503 (false, the default) or forward the prompt unscanned.
    PII_FAIL_OPEN: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.PROXY_TIMEOUT > env.PROXY_TIMEOUT_MAX)
      ctx.addIssue({
        code: 'custom',
        path: ['PROXY_TIMEOUT'],
        message: 'must not be longer than PROXY_TIMEOUT_MAX',
      });
    if (env.MAX_BUFFERED_REQUEST_BYTES < env.MAX_REQUEST_BODY_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['MAX_BUFFERED_REQUEST_BYTES'],
        message: 'must be at least MAX_REQUEST_BODY_BYTES',
      });
    const perKey = env.MAX_BUFFERED_REQUEST_BYTES_PER_KEY;
    if (
      perKey !== undefined &&
      (perKey < env.MAX_REQUEST_BODY_BYTES || perKey > env.MAX_BUFFERED_REQUEST_BYTES)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['MAX_BUFFERED_REQUEST_BYTES_PER_KEY'],
        message: 'must be between MAX_REQUEST_BODY_BYTES and MAX_BUFFERED_REQUEST_BYTES',
      });
    if (env.UNKNOWN_MODEL_POLICY !== 'default_price') return;
    for (const name of ['UNKNOWN_MODEL_INPUT_PRICE', 'UNKNOWN_MODEL_OUTPUT_PRICE'] as const) {
      if (env[name] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'required with UNKNOWN_MODEL_POLICY=default_price',
        });
    }
  });
export type ProxyEdgeConfig = z.infer<typeof ProxyEdgeEnv>;
export const PROXY_EDGE_CONFIG = Symbol('PROXY_EDGE_CONFIG');

// What one key may hold of the buffered request bytes (MAX_BUFFERED_REQUEST_BYTES_PER_KEY, or its default).
export function bufferedBytesPerKey(
  config: Pick<
    ProxyEdgeConfig,
    'MAX_BUFFERED_REQUEST_BYTES' | 'MAX_BUFFERED_REQUEST_BYTES_PER_KEY' | 'MAX_REQUEST_BODY_BYTES'
  >,
): number {
  return (
    config.MAX_BUFFERED_REQUEST_BYTES_PER_KEY ??
    Math.min(
      config.MAX_BUFFERED_REQUEST_BYTES,
      Math.max(config.MAX_REQUEST_BODY_BYTES, Math.floor(config.MAX_BUFFERED_REQUEST_BYTES / 4)),
    )
  );
}
