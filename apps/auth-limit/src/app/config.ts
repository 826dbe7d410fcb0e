import type { z } from 'zod';
import { DatabaseEnv, KafkaEnv, LogEnv, RedisEnv, port } from '@tollgate/platform-config';
import { ConfigSyncEnv } from '@tollgate/platform-config-sync';

export const AuthLimitEnv = RedisEnv.extend(KafkaEnv.shape)
  .extend(DatabaseEnv.shape)
  .extend(LogEnv.shape)
  .extend(ConfigSyncEnv.shape)
  .extend({ AUTH_LIMIT_PORT: port(8003) });
export type AuthLimitConfig = z.infer<typeof AuthLimitEnv>;
