import { Redis } from 'ioredis';
import { AppliedRegistry, registryNamespace } from '@tollgate/platform-config-sync';
import { infraEnv } from '@tollgate/testing';

// The registry where the gateway's read models report what they applied (its namespace is the config
// database's name).
export async function withRegistry<T>(databaseUrl: string, work: (registry: AppliedRegistry) => Promise<T>) {
  const redis = new Redis(infraEnv.redisUrl);
  try {
    const database = new URL(databaseUrl).pathname.slice(1);
    return await work(new AppliedRegistry(redis, registryNamespace(database)));
  } finally {
    redis.disconnect();
  }
}
