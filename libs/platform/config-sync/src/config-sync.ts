import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { AppliedRegistry } from './applied-registry';
import { AppliedStateReporter } from './applied-state.reporter';
import { ChangeLogPoller } from './change-log.poller';
import type { ConfigReadModel } from './config-read-model';
import { ConfigTopicConsumer } from './config-topic.consumer';
import { readSnapshot } from './snapshot-reader';

export interface ConfigSyncOptions {
  // The app's name; each running instance reads the whole topic, so its group is unique.
  groupPrefix: string;
  pollIntervalMs: number;
}

// Keeps a ConfigReadModel current: a consistent PostgreSQL snapshot at boot, then every change from the
// compacted config topic (pushed within milliseconds) and, underneath, a poll of the recent-changes log
// (within pollIntervalMs, Kafka or not). What it has applied is reported for config-admin to wait on.
export class ConfigSync {
  private readonly logger = new Logger(ConfigSync.name);
  private readonly instanceId: string;
  private readonly reporter: AppliedStateReporter;
  private readonly poller: ChangeLogPoller;
  private readonly topic: ConfigTopicConsumer;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly model: ConfigReadModel,
    registry: AppliedRegistry,
    private readonly options: ConfigSyncOptions,
  ) {
    this.instanceId = `${options.groupPrefix}.${randomUUID()}`;
    this.reporter = new AppliedStateReporter(registry, this.instanceId);
    this.poller = new ChangeLogPoller(dataSource, model, () => this.loadSnapshot());
    this.topic = new ConfigTopicConsumer(kafka, `${options.groupPrefix}.config.${randomUUID()}`, {
      onChange: (change) => model.apply(change),
      onPosition: (partition, next) => this.reporter.kafkaApplied(partition, next),
    });
  }

  // Serving starts once the snapshot is loaded; the topic joins in the background (Kafka may be down).
  async start(): Promise<void> {
    const takenAt = await this.loadSnapshot();
    this.poller.resetTo(takenAt);
    this.reporter.postgresApplied(takenAt);
    this.reporter.start();
    this.topic.start();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    await this.polling;
    await this.reporter.stop();
    await this.topic.stop();
  }

  private async loadSnapshot(): Promise<Date> {
    const snapshot = await readSnapshot(this.dataSource);
    this.model.loadSnapshot(snapshot);
    return snapshot.takenAt;
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.pollOnce().finally(() => this.schedulePoll());
    }, this.options.pollIntervalMs);
  }

  private async pollOnce(): Promise<void> {
    try {
      this.reporter.postgresApplied(await this.poller.poll());
    } catch (error) {
      this.logger.warn(`config change log unreadable, retrying: ${String(error)}`);
    }
  }
}
