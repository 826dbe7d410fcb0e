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
import { ConfigSyncEnv, UnknownKeyEnv } from '@tollgate/platform-config-sync';

const usdPerMillionTokens = z.coerce.number().nonnegative().optional();

export const ProxyEdgeEnv = DatabaseEnv.extend(KafkaEnv.shape)
  .extend(RedisEnv.shape)
  .extend(LogEnv.shape)
  .extend(SecretsEnv.shape)
  .extend(ConfigSyncEnv.shape)
  .extend(UnknownKeyEnv.shape)
  .extend({
    PROXY_EDGE_PORT: port(8002),
    // Upstream timeout when the client sends no x-request-timeout, as a Go duration (BricksLLM's PROXY_TIMEOUT).
    PROXY_TIMEOUT: z
      .string()
      .default('600s')
      .transform((value, ctx) => {
        const ms = parseGoDuration(value);
        if (ms === null || ms <= 0) {
          ctx.addIssue({ code: 'custom', message: 'must be a positive Go duration such as 30s or 10m' });
          return z.NEVER;
        }
        return ms;
      }),
    MAX_REQUEST_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
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
  })
  .superRefine((env, ctx) => {
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
