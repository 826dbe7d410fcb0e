import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CONFIG_CHANGED_TYPE,
  configMessageKey,
  ConfigEntitySchema,
  makeEnvelope,
  Topics,
} from '@tollgate/contracts';
import { EVENT_PUBLISHER, type BusRecord, type EventPublisher } from '@tollgate/platform-bus';
import { ConfigOutboxEntity } from '@tollgate/config-entities';

const BATCH = 500;
const IDLE_POLL_MS = 250;
// Held by the replica relaying (transaction-scoped): "relay" after the migrations' lock id.
export const RELAY_LOCK_ID = '8390880576440853350';

// Moves committed outbox rows to the compacted config topic, in commit order, keyed by entity. A row is
// deleted only after Kafka acknowledged it, so a crash re-sends (read models ignore versions they hold).
// Several config-admin replicas may run: one relays at a time (an advisory lock held for the batch), so
// batches are never interleaved and the topic keeps commit order; the others find the lock taken and wait.
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  // Called after a change commits, so it leaves now instead of at the next poll.
  nudge(): void {
    this.wake?.();
  }

  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ relaying }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS relaying', [
        RELAY_LOCK_ID,
      ])) as [{ relaying: boolean }];
      if (!relaying) return 0;
      const rows = await manager
        .getRepository(ConfigOutboxEntity)
        .createQueryBuilder('o')
        .orderBy('o.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      await this.publisher.publishBatch(Topics.configChanged, rows.map(toRecord));
      await manager.getRepository(ConfigOutboxEntity).delete(rows.map((r) => r.id));
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
      } catch (error) {
        this.logger.error(`outbox relay failed, retrying: ${String(error)}`);
      }
      if (relayed === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

function toRecord(row: ConfigOutboxEntity): BusRecord {
  const entity = ConfigEntitySchema.parse(row.entity);
  const key = configMessageKey(entity, row.entityId);
  if (!row.payload) return { key, envelope: null };
  const envelope = makeEnvelope({
    type: CONFIG_CHANGED_TYPE,
    version: 1,
    producer: 'config-admin',
    occurredAt: row.createdAt,
    payload: { entity, id: row.entityId, version: row.version, data: row.payload },
  });
  return { key, envelope };
}
