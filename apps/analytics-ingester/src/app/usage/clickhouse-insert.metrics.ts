import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@tollgate/platform-metrics';

// ClickHouse inserts of request events: rows written, inserts by result, and how long each took.
@Injectable()
export class ClickHouseInsertMetrics {
  private readonly rows: Counter;
  private readonly inserts: Counter<'result'>;
  private readonly duration: Histogram;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    const registers = [registry];
    this.rows = new Counter({
      name: 'tollgate_clickhouse_inserted_rows_total',
      help: 'Request event rows inserted into ClickHouse (each event once: redelivered ones are skipped).',
      registers,
    });
    this.inserts = new Counter({
      name: 'tollgate_clickhouse_inserts_total',
      help: 'ClickHouse insert statements, by result (ok, failed).',
      labelNames: ['result'],
      registers,
    });
    this.duration = new Histogram({
      name: 'tollgate_clickhouse_insert_duration_seconds',
      help: 'Time of one ClickHouse insert of a batch of request events.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  // Times one insert; its rows count only once ClickHouse has them.
  async timed(rows: number, insert: () => Promise<void>): Promise<void> {
    const end = this.duration.startTimer();
    try {
      await insert();
    } catch (error) {
      this.inserts.inc({ result: 'failed' });
      throw error;
    } finally {
      end();
    }
    this.inserts.inc({ result: 'ok' });
    this.rows.inc(rows);
  }
}
