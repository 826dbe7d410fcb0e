import { z } from 'zod';
import {
  ClickHouseEnv,
  DatabaseEnv,
  KafkaEnv,
  LogEnv,
  port,
  RedisEnv,
  SecretsEnv,
  UpstreamEnv,
} from '@tollgate/platform-config';

// An origin as browsers send it: scheme, host and port, no path.
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

// The admin password guards every provider key and gateway key: short ones fall to guessing.
export const ADMIN_PASS_MIN_LENGTH = 20;

export const ConfigAdminEnv = DatabaseEnv.extend(KafkaEnv.shape)
  .extend(RedisEnv.shape)
  .extend(ClickHouseEnv.shape)
  .extend(LogEnv.shape)
  .extend(SecretsEnv.shape)
  .extend(UpstreamEnv.shape)
  .extend({
    CONFIG_ADMIN_PORT: port(8001),
    ADMIN_PASS: z
      .string()
      .min(
        ADMIN_PASS_MIN_LENGTH,
        `must be at least ${ADMIN_PASS_MIN_LENGTH} characters (e.g. \`openssl rand -hex 16\`)`,
      )
      .optional(),
    ADMIN_AUTH_DISABLED: z.enum(['true', 'false']).default('false'),
    // Failed X-API-KEY checks one address may make per minute before it gets 429 until the minute ends.
    ADMIN_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(10),
    // How long an admin write waits for every live proxy-edge and auth-limit instance to apply it before
    // answering anyway with x-config-propagation: pending (docs/adr/0015).
    CONFIG_PROPAGATION_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(3_000),
    // Browser origins allowed to call the admin API (CORS), comma-separated, e.g. https://admin.example.com;
    // none by default.
    ADMIN_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .refine((origins) => origins.every(isOrigin), {
        message:
          'must be comma-separated origins such as https://admin.example.com (scheme, host, port only)',
      }),
  })
  // BricksLLM runs open when ADMIN_PASS is unset; here that takes an explicit opt-out.
  .refine((env) => env.ADMIN_PASS !== undefined || env.ADMIN_AUTH_DISABLED === 'true', {
    message: 'is required (or set ADMIN_AUTH_DISABLED=true to run the admin API without authentication)',
    path: ['ADMIN_PASS'],
  });
export type ConfigAdminConfig = z.infer<typeof ConfigAdminEnv>;
export const CONFIG_ADMIN_CONFIG = Symbol('CONFIG_ADMIN_CONFIG');
