import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ConfigChangedV1Schema, parseConfigMessageKey, Topics } from '@tollgate/contracts';
import {
  CustomProviderEntity,
  KeyEntity,
  RouteEntity,
  PriceEntity,
  toPriceSnapshot,
  toCustomProviderSnapshot,
  toRouteSnapshot,
  PolicyEntity,
  ProviderSettingEntity,
  toKeySnapshot,
  toPolicySnapshot,
  toProviderSettingSnapshot,
  toUserSnapshot,
  UserEntity,
} from '@tollgate/config-entities';
import type { ConfigChange, ConfigReadModel, ConfigSnapshot } from './config-read-model';

// Keeps a ConfigReadModel current: a consistent PostgreSQL snapshot at boot, then every change from the
// compacted config topic, replayed from its beginning by a consumer group of this instance alone.
export class ConfigSync {
  private readonly logger = new Logger(ConfigSync.name);
  private consumer: Consumer | undefined;
  private lastChangeAt: Date | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly model: ConfigReadModel,
    // The app's name; each running instance reads the whole topic, so its group is unique.
    private readonly groupPrefix: string,
  ) {}

  async start(): Promise<void> {
    this.model.loadSnapshot(await readSnapshot(this.dataSource));
    const consumer = this.kafka.consumer({ groupId: `${this.groupPrefix}.config.${randomUUID()}` });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.configChanged.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = parseConfigMessageKey(message.key?.toString('utf8') ?? '');
        if (!key) {
          this.logger.warn('config message with an unknown key skipped');
          return;
        }
        if (message.value === null) {
          this.model.apply({ op: 'delete', entity: key.entity, id: key.id });
          this.lastChangeAt = new Date();
          return;
        }
        const parsed = ConfigChangedV1Schema.safeParse(safeJson(message.value.toString('utf8')));
        if (!parsed.success) {
          this.logger.warn(`invalid config message for ${key.entity} ${key.id} skipped`);
          return;
        }
        const { payload, occurredAt } = parsed.data;
        // The payload is a discriminated union on entity, as ConfigChange is.
        this.model.apply({ op: 'upsert', ...payload, occurredAt: new Date(occurredAt) } as ConfigChange);
        this.lastChangeAt = new Date();
      },
    });
  }

  get lastChange(): Date | null {
    return this.lastChangeAt;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

// One REPEATABLE READ transaction: the keys, the settings and the clock are all of the same instant.
export async function readSnapshot(dataSource: DataSource): Promise<ConfigSnapshot> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [{ now }] = (await manager.query('SELECT now() AS now')) as [{ now: Date }];
    const keys = await manager.getRepository(KeyEntity).find();
    const settings = await manager.getRepository(ProviderSettingEntity).find();
    const users = await manager.getRepository(UserEntity).find();
    const policies = await manager.getRepository(PolicyEntity).find();
    const customProviders = await manager.getRepository(CustomProviderEntity).find();
    const routes = await manager.getRepository(RouteEntity).find();
    const prices = await manager.getRepository(PriceEntity).find();
    return {
      takenAt: new Date(now),
      keys: keys.map((k) => ({ version: k.version, data: toKeySnapshot(k) })),
      settings: settings.map((s) => ({ version: s.version, data: toProviderSettingSnapshot(s) })),
      users: users.map((u) => ({ version: u.version, data: toUserSnapshot(u) })),
      policies: policies.map((p) => ({ version: p.version, data: toPolicySnapshot(p) })),
      customProviders: customProviders.map((c) => ({
        version: c.version,
        data: toCustomProviderSnapshot(c),
      })),
      routes: routes.map((r) => ({ version: r.version, data: toRouteSnapshot(r) })),
      prices: prices.map((p) => ({ version: p.version, data: toPriceSnapshot(p) })),
    };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
