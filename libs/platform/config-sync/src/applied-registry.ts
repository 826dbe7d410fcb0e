import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

// What one read model (a proxy-edge or auth-limit instance) has applied. config-admin reads it to answer an
// admin write only once every live instance has the change (docs/adr/0015).
export interface AppliedState {
  instanceId: string;
  // Per partition of the config topic, the offset after the last message applied.
  positions: Record<string, string>;
  // Database time (epoch ms) of the last PostgreSQL read: every change committed before it is applied.
  pgAppliedAt: number;
}

// An instance is live while its heartbeat keeps its entry: gone after HEARTBEAT_TTL_MS without one.
export const HEARTBEAT_INTERVAL_MS = 1_000;
export const HEARTBEAT_TTL_MS = 3_000;

// One registry per deployment: the services of one config database share it, even when several
// deployments (test runs, staging) share one Redis.
export async function configNamespace(dataSource: DataSource): Promise<string> {
  const [{ name }] = (await dataSource.query('SELECT current_database() AS name')) as [{ name: string }];
  return registryNamespace(name);
}

export function registryNamespace(configDatabase: string): string {
  return `tollgate:config-applied:${configDatabase}`;
}

export class AppliedRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {}

  async report(state: AppliedState): Promise<void> {
    const entry = this.entryKey(state.instanceId);
    await this.redis
      .multi()
      .hset(entry, { positions: JSON.stringify(state.positions), pg: String(state.pgAppliedAt) })
      .pexpire(entry, HEARTBEAT_TTL_MS)
      .sadd(this.membersKey(), state.instanceId)
      .exec();
  }

  async remove(instanceId: string): Promise<void> {
    await this.redis.multi().del(this.entryKey(instanceId)).srem(this.membersKey(), instanceId).exec();
  }

  // The live instances; members whose entry expired (stopped without deregistering) are dropped.
  async live(): Promise<AppliedState[]> {
    const ids = await this.redis.smembers(this.membersKey());
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.entryKey(id));
    const entries = (await pipeline.exec()) ?? [];
    const states: AppliedState[] = [];
    const expired: string[] = [];
    ids.forEach((instanceId, i) => {
      const [error, fields] = entries[i] ?? [];
      if (error) throw error;
      const state = parseEntry(instanceId, fields as Record<string, string>);
      if (state) states.push(state);
      else expired.push(instanceId);
    });
    if (expired.length > 0) await this.redis.srem(this.membersKey(), ...expired);
    return states;
  }

  private membersKey(): string {
    return `${this.namespace}:instances`;
  }

  private entryKey(instanceId: string): string {
    return `${this.namespace}:instance:${instanceId}`;
  }
}

function parseEntry(instanceId: string, fields: Record<string, string>): AppliedState | null {
  if (fields['pg'] === undefined) return null;
  return {
    instanceId,
    positions: JSON.parse(fields['positions'] ?? '{}') as Record<string, string>,
    pgAppliedAt: Number(fields['pg']),
  };
}

// Whether an instance has applied a change committed at `committedAt` (database epoch ms) and relayed below
// `offsets` (per partition; null while the relay has not sent it yet).
export function hasApplied(
  state: AppliedState,
  committedAt: number,
  offsets: Record<string, string> | null,
): boolean {
  if (state.pgAppliedAt >= committedAt) return true;
  if (!offsets) return false;
  return Object.entries(offsets).every(
    ([partition, offset]) => BigInt(state.positions[partition] ?? '0') >= BigInt(offset),
  );
}
