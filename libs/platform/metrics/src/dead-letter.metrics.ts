import { Counter } from 'prom-client';
import type { DeadLetterCounter } from '@tollgate/platform-bus';
import type { MetricsRegistry } from './metrics.registry';

// tollgate_dead_letters_total{topic, cause}: the process's DeadLetterCounter (also GET /api/dead-letters),
// read at each scrape. Topics come from the contracts' registry and causes from a fixed enum: bounded.
export function registerDeadLetterMetrics(registry: MetricsRegistry, counter: DeadLetterCounter): void {
  new Counter({
    name: 'tollgate_dead_letters_total',
    help: 'Records set aside (dead-letter topic or spool file) since the process started, by topic and cause.',
    labelNames: ['topic', 'cause'],
    registers: [registry],
    collect() {
      // The counter is the source of truth; the series mirror it (never decrease while the process lives).
      this.reset();
      for (const { topic, cause, count } of counter.snapshot().deadLetters) {
        this.inc({ topic, cause }, count);
      }
    },
  });
}
