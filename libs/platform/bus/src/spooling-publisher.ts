import { Logger } from '@nestjs/common';
import { ALL_TOPICS, type Envelope, type TopicSpec } from '@tollgate/contracts';
import { DeadLetterCounter } from './dead-letter.counter';
import { sentBefore, type BusRecord, type EventPublisher } from './event-bus.port';
import type { FileSpool, SpooledRecord } from './file-spool';
import { sendIsolatingRefused, type Refused } from './refusal-isolation';

export interface SpoolingOptions {
  // How long a send may take before its records go to the spool instead (the bus may still deliver them:
  // consumers are idempotent on eventId).
  sendTimeoutMs: number;
  drainIntervalMs: number;
  deadLetters?: DeadLetterCounter;
}

// Keeps events when the bus is unreachable: a failed or slow send goes to an on-disk spool, drained in order
// once the bus answers again, including after a restart. A record the bus refuses (too large, invalid) is set
// aside, on its dead-letter topic or else in the spool's dead-letter file, so it never blocks the ones behind.
export class SpoolingPublisher implements EventPublisher {
  private readonly logger = new Logger(SpoolingPublisher.name);
  private readonly counter: DeadLetterCounter;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly inner: EventPublisher,
    private readonly spool: FileSpool,
    private readonly options: SpoolingOptions,
  ) {
    this.counter = options.deadLetters ?? new DeadLetterCounter();
  }

  async start(): Promise<void> {
    await this.spool.init();
    this.timer = setInterval(() => void this.drainNow(), this.options.drainIntervalMs);
    this.timer.unref();
    await this.drainNow();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
  }

  // Bytes of events waiting in the spool for the bus (the spool depth a metric reports).
  spoolBytes(): Promise<number> {
    return this.spool.size();
  }

  publish(topic: TopicSpec, key: string | null, envelope: Envelope): Promise<void> {
    return this.publishBatch(topic, [{ key, envelope }]);
  }

  async publishBatch(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    // Nothing jumps the queue: while older events wait in the spool, new ones join them.
    if ((await this.spool.size()) === 0) {
      try {
        await withTimeout(this.inner.publishBatch(topic, records), this.options.sendTimeoutMs);
        return;
      } catch (error) {
        records = records.slice(sentBefore(error));
        const refusal = this.inner.deadLetters?.refusalOf(error) ?? null;
        this.logger.warn(
          refusal === null
            ? `bus unavailable, spooling ${records.length} event(s): ${String(error)}`
            : `bus refused part of ${records.length} event(s) (${refusal}): spooled, the refused ones set aside`,
        );
        // The drain sends the accepted ones and sets the refused ones aside, at once rather than next round.
        if (refusal !== null) setImmediate(() => void this.drainNow());
      }
    }
    await this.keep(topic, records);
  }

  private async keep(topic: TopicSpec, records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    const spooled = records.map(({ key, envelope }) => ({
      topic: topic.name,
      key,
      value: envelope ? JSON.stringify(envelope) : null,
    }));
    if (!(await this.spool.append(spooled))) {
      throw new Error(`spool full: ${records.length} event(s) for ${topic.name} could not be kept`);
    }
  }

  drainNow(): Promise<void> {
    this.draining ??= this.spool
      .drain({
        send: (records) => this.sendSpooled(records),
        unreadable: (line) => this.setAsideUnreadable(line),
      })
      .then((sent) => {
        if (sent > 0) this.logger.log(`sent ${sent} spooled event(s)`);
      })
      .catch(() => undefined) // Still unreachable: the records stay spooled for the next round.
      .finally(() => (this.draining = undefined));
    return this.draining;
  }

  deadLetterCount(): number {
    return this.counter.total();
  }

  private async sendSpooled(records: SpooledRecord[]): Promise<void> {
    // Consecutive records of one topic go in one send, keeping the spool's order.
    let start = 0;
    while (start < records.length) {
      const topicName = records[start]?.topic;
      let end = start;
      while (end < records.length && records[end]?.topic === topicName) end++;
      const refused = await sendIsolatingRefused(
        records.slice(start, end),
        (part) => this.sendRaw(part),
        (error) =>
          error instanceof UnreadableValueError
            ? error.message
            : (this.inner.deadLetters?.refusalOf(error) ?? null),
      );
      for (const letter of refused) await this.setAside(letter);
      start = end;
    }
  }

  private async sendRaw(records: readonly SpooledRecord[]): Promise<void> {
    const topicName = records[0]?.topic ?? '';
    const topic = ALL_TOPICS.find((t) => t.name === topicName) ?? {
      name: topicName,
      partitions: 1,
      compacted: false,
    };
    const batch = records.map((r) => ({ key: r.key, envelope: parseEnvelope(r.value) }));
    await withTimeout(this.inner.publishBatch(topic, batch), this.options.sendTimeoutMs);
  }

  // On the dead-letter topic when the bus has one and takes it, else in the spool's dead-letter file.
  private async setAside({ item, reason }: Refused<SpooledRecord>): Promise<void> {
    const port = this.inner.deadLetters;
    let why = reason;
    if (port && !reason.startsWith(UNREADABLE)) {
      try {
        await withTimeout(port.publishDeadLetter(item, reason), this.options.sendTimeoutMs);
        this.counter.add(item.topic, 'refused_by_broker');
        this.logger.warn(
          `event for ${item.topic} refused by the bus (${reason}): sent to its dead-letter topic`,
        );
        return;
      } catch (error) {
        const refusal = port.refusalOf(error);
        if (refusal === null) throw error; // The bus went away: the record stays spooled.
        why = `${reason}; its dead-letter topic refused it too: ${refusal}`;
      }
    }
    await this.keepInFile(item, why);
  }

  private async setAsideUnreadable(line: string): Promise<void> {
    await this.keepInFile({ unreadable: line }, `${UNREADABLE}: not a spooled record`);
  }

  private async keepInFile(record: SpooledRecord | { unreadable: string }, reason: string): Promise<void> {
    const topic = 'topic' in record ? record.topic : 'unknown';
    const kept = await this.spool.setAside(record, reason);
    this.counter.add(topic, reason.startsWith(UNREADABLE) ? 'unparseable' : 'refused_by_broker');
    if (kept) this.logger.error(`event for ${topic} set aside in ${this.spool.setAsidePath}: ${reason}`);
    else this.logger.error(`event for ${topic} lost, the spool's dead-letter file is full: ${reason}`);
  }
}

const UNREADABLE = 'unreadable';

// A spooled value that is not JSON (the file was damaged): set aside like a record the bus refuses.
class UnreadableValueError extends Error {}

function parseEnvelope(value: string | null): Envelope | null {
  try {
    return value === null ? null : (JSON.parse(value) as Envelope);
  } catch (error) {
    throw new UnreadableValueError(`${UNREADABLE}: spooled value is not JSON (${String(error)})`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
