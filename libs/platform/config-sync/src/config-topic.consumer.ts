import { Logger } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ConfigChangedV1Schema, parseConfigMessageKey, Topics } from '@tollgate/contracts';
import type { ConfigChange } from './config-read-model';

export interface ConfigTopicListener {
  onChange(change: ConfigChange): void;
  // Every message of `partition` below `nextOffset` has been applied.
  onPosition(partition: number, nextOffset: string): void;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;

// Reads the whole compacted config topic from its beginning, through a consumer group of this instance
// alone. It starts in the background and keeps retrying while Kafka is unreachable: the instance serves
// from its PostgreSQL snapshot and change-log poll meanwhile.
export class ConfigTopicConsumer {
  private readonly logger = new Logger(ConfigTopicConsumer.name);
  private consumer: Consumer | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly listener: ConfigTopicListener,
  ) {}

  start(): void {
    void this.connect(RETRY_MIN_MS);
  }

  // Does not wait for a connection attempt in progress (kafkajs retries it for a while): one that succeeds
  // after this disconnects at once.
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async connect(retryMs: number): Promise<void> {
    if (this.stopped) return;
    const consumer = this.kafka.consumer({ groupId: this.groupId });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.configChanged.name, fromBeginning: true });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) this.retryLater(consumer, RETRY_MIN_MS);
      });
      await consumer.run({ eachMessage: async ({ partition, message }) => this.handle(partition, message) });
      if (this.stopped) await consumer.disconnect();
    } catch (error) {
      this.logger.warn(`config topic unreachable, retrying in ${retryMs} ms: ${String(error)}`);
      this.retryLater(consumer, retryMs);
    }
  }

  private retryLater(failed: Consumer, delayMs: number): void {
    if (this.stopped) return;
    void failed.disconnect().catch(() => undefined);
    this.retryTimer = setTimeout(() => void this.connect(Math.min(delayMs * 2, RETRY_MAX_MS)), delayMs);
  }

  private handle(partition: number, message: KafkaMessage): void {
    const change = toChange(message);
    if (change) this.listener.onChange(change);
    else this.logger.warn(`invalid config message ${message.key?.toString('utf8') ?? ''} skipped`);
    this.listener.onPosition(partition, (BigInt(message.offset) + 1n).toString());
  }
}

function toChange(message: KafkaMessage): ConfigChange | null {
  const key = parseConfigMessageKey(message.key?.toString('utf8') ?? '');
  if (!key) return null;
  if (message.value === null) return { op: 'delete', entity: key.entity, id: key.id };
  const parsed = ConfigChangedV1Schema.safeParse(safeJson(message.value.toString('utf8')));
  if (!parsed.success) return null;
  const { payload, occurredAt } = parsed.data;
  // The payload is a discriminated union on entity, as ConfigChange is.
  return { op: 'upsert', ...payload, occurredAt: new Date(occurredAt) } as ConfigChange;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
