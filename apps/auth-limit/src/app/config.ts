import type { z } from 'zod';
import { DatabaseEnv, KafkaEnv, LogEnv, RedisEnv, port } from '@tollgate/platform-config';

export const AuthLimitEnv = RedisEnv.extend(KafkaEnv.shape)
  .extend(DatabaseEnv.shape)
  .extend(LogEnv.shape)
  .extend({ AUTH_LIMIT_PORT: port(8003) });
export type AuthLimitConfig = z.infer<typeof AuthLimitEnv>;
