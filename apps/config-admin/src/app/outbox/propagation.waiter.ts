import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Topics } from '@tollgate/contracts';
import { AppliedRegistry, configNamespace, hasApplied } from '@tollgate/platform-config-sync';
import { KAFKA } from '@tollgate/platform-kafka';
import { REDIS } from '@tollgate/platform-redis';
import { CONFIG_ADMIN_CONFIG, type ConfigAdminConfig } from '../config';

export interface Propagation {
  applied: boolean;
  waitedMs: number;
}

const CHECK_EVERY_MS = 5;

// Waits until every live read model (proxy-edge and auth-limit instances) has applied committed outbox
// rows: through the config topic (its position is past the topic's end once the rows were relayed) or
// through its change-log poll (its last read began after the commit). Bounded by
// CONFIG_PROPAGATION_TIMEOUT_MS; the caller answers either way (docs/adr/0015).
@Injectable()
export class PropagationWaiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PropagationWaiter.name);
  private registry: AppliedRegistry | undefined;
  private readonly admin: Admin;
  private adminConnected: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(CONFIG_ADMIN_CONFIG) private readonly config: ConfigAdminConfig,
  ) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    this.registry = new AppliedRegistry(this.redis, await configNamespace(this.dataSource));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.adminConnected) await this.admin.disconnect();
  }

  async waitFor(outboxIds: readonly string[]): Promise<Propagation> {
    const started = performance.now();
    const done = (applied: boolean) => ({ applied, waitedMs: performance.now() - started });
    const timeoutMs = this.config.CONFIG_PROPAGATION_TIMEOUT_MS;
    try {
      // Raced with the timeout too (a little later than the loop's own deadline, which names the lagging
      // instances): a Redis or PostgreSQL call that hangs must not hold the answer.
      const waiting = this.waitUntilApplied(outboxIds, started + timeoutMs);
      const lagging = await withTimeout(waiting, timeoutMs + 250);
      if (lagging.length === 0) return done(true);
      this.logger.warn(
        `config change not applied yet by ${lagging.join(', ')}; answering with propagation pending`,
      );
    } catch (error) {
      this.logger.warn(`cannot tell whether a config change has propagated: ${String(error)}`);
    }
    return done(false);
  }

  // The instances still lagging at the deadline (none: every live instance has the change).
  private async waitUntilApplied(outboxIds: readonly string[], deadline: number): Promise<string[]> {
    const registry = this.registry;
    if (!registry) throw new Error('propagation waiter not initialised');
    let committedAt: number | undefined;
    let offsets: Record<string, string> | null = null;
    for (;;) {
      const live = await registry.live();
      if (live.length === 0) return [];
      committedAt ??= await this.databaseNow();
      offsets ??= await this.topicEndOnceRelayed(outboxIds);
      const at = committedAt;
      const lagging = live.filter((state) => !hasApplied(state, at, offsets)).map((s) => s.instanceId);
      if (lagging.length === 0 || performance.now() >= deadline) return lagging;
      await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
    }
  }

  // Read after the commit, so any read model's PostgreSQL read that began later sees the change.
  private async databaseNow(): Promise<number> {
    const [{ now }] = (await this.dataSource.query('SELECT now() AS now')) as [{ now: Date }];
    return new Date(now).getTime();
  }

  // The config topic's end once the relay has sent the rows (they have left the outbox): a read model whose
  // position reaches it has applied them. null while they wait, or while Kafka does not answer.
  private async topicEndOnceRelayed(outboxIds: readonly string[]): Promise<Record<string, string> | null> {
    const [{ waiting }] = (await this.dataSource.query(
      'SELECT count(*)::int AS waiting FROM config_outbox WHERE id = ANY($1::bigint[])',
      [outboxIds],
    )) as [{ waiting: number }];
    if (waiting > 0) return null;
    try {
      this.adminConnected ??= this.admin.connect().catch((error: unknown) => {
        this.adminConnected = undefined;
        throw error;
      });
      await this.adminConnected;
      const partitions = await this.admin.fetchTopicOffsets(Topics.configChanged.name);
      return Object.fromEntries(partitions.map((p) => [String(p.partition), p.high]));
    } catch {
      return null;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
