import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { outboxRowsWrittenIn } from './config-outbox';
import { OutboxRelay } from './outbox.relay';
import { noteCommittedConfigWrites } from './request-config-writes';

// Runs a config change in one transaction (the change and its outbox row), then wakes the relay so the
// services hear of it within milliseconds, and tells the admin request what it committed.
@Injectable()
export class ConfigTransaction {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let written: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work(manager);
      written = outboxRowsWrittenIn(manager);
      return value;
    });
    this.relay.nudge();
    noteCommittedConfigWrites(written);
    return result;
  }
}
