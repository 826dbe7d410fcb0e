import { z } from 'zod';
import { DatabaseEnv, KafkaEnv, LogEnv, parseGoDuration, port, SecretsEnv } from '@tollgate/platform-config';

export const ProxyEdgeEnv = DatabaseEnv.extend(KafkaEnv.shape)
  .extend(LogEnv.shape)
  .extend(SecretsEnv.shape)
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
    // Usage events wait here while Kafka is unreachable, and are sent when it answers again.
    USAGE_SPOOL_DIR: z.string().min(1).default('/var/tmp/tollgate/spool'),
    USAGE_SPOOL_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024 * 1024),
  });
export type ProxyEdgeConfig = z.infer<typeof ProxyEdgeEnv>;
export const PROXY_EDGE_CONFIG = Symbol('PROXY_EDGE_CONFIG');
