import type { DeadLetterCause } from '@tollgate/contracts';

export interface DeadLetterCount {
  // The topic the record was meant for (its dead letter went to <topic>.dlq, or to the spool's file).
  topic: string;
  cause: DeadLetterCause;
  count: number;
}

// Dead letters set aside since the process started, by topic and cause: shaped as a Prometheus counter with
// two labels (tollgate_dead_letters_total{topic, cause}), so exporting it later is a mapping, not a redesign.
export class DeadLetterCounter {
  private readonly counts = new Map<string, DeadLetterCount>();
  readonly since = new Date().toISOString();

  add(topic: string, cause: DeadLetterCause, n = 1): void {
    const key = `${topic}\u0000${cause}`;
    const entry = this.counts.get(key) ?? { topic, cause, count: 0 };
    entry.count += n;
    this.counts.set(key, entry);
  }

  total(): number {
    let total = 0;
    for (const { count } of this.counts.values()) total += count;
    return total;
  }

  snapshot(): { since: string; total: number; deadLetters: DeadLetterCount[] } {
    const deadLetters = [...this.counts.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.cause.localeCompare(b.cause));
    return { since: this.since, total: this.total(), deadLetters };
  }
}
