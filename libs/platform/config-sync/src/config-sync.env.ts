import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Settings of every service that keeps a read model (proxy-edge, auth-limit).
export const ConfigSyncEnv = z.object({
  // How often the read model reads recent changes from PostgreSQL besides the config topic: the bound on how
  // stale a revocation can be while Kafka is unreachable (docs/adr/0015).
  CONFIG_POLL_INTERVAL_MS: positiveInt(1_000),
});

// Settings of the proxy's lookup of keys its read model does not hold.
export const UnknownKeyEnv = z.object({
  // PostgreSQL lookups of unknown keys per second and per process (also the burst); past it an unknown key
  // is refused without a lookup.
  UNKNOWN_KEY_LOOKUPS_PER_SECOND: positiveInt(20),
  // How long a key found unknown in PostgreSQL is refused without another lookup.
  UNKNOWN_KEY_NEGATIVE_TTL_MS: positiveInt(2_000),
});
