import { Logger } from '@nestjs/common';
import { type AppliedRegistry, type AppliedState, HEARTBEAT_INTERVAL_MS } from './applied-registry';

// Tells the registry what this instance has applied: at once after a change (config-admin is waiting for
// it), and on a heartbeat that keeps the instance counted as live.
export class AppliedStateReporter {
  private readonly logger = new Logger(AppliedStateReporter.name);
  private readonly state: AppliedState;
  private heartbeat: NodeJS.Timeout | undefined;
  private pending: NodeJS.Immediate | undefined;
  private failing = false;
  private stopped = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: AppliedRegistry,
    instanceId: string,
  ) {
    this.state = { instanceId, positions: {}, pgAppliedAt: 0 };
  }

  start(): void {
    this.heartbeat = setInterval(() => void this.reportNow(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    this.reportSoon();
  }

  // Deregisters, so config-admin stops waiting for this instance at once rather than after its TTL.
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    if (this.pending) clearImmediate(this.pending);
    await this.inFlight;
    await this.registry.remove(this.state.instanceId).catch(() => undefined);
  }

  kafkaApplied(partition: number, nextOffset: string): void {
    this.state.positions[String(partition)] = nextOffset;
    this.reportSoon();
  }

  postgresApplied(upTo: Date): void {
    this.state.pgAppliedAt = Math.max(this.state.pgAppliedAt, upTo.getTime());
    this.reportSoon();
  }

  // Changes applied in one go (a fetched batch, a poll) are reported once.
  private reportSoon(): void {
    this.pending ??= setImmediate(() => {
      this.pending = undefined;
      void this.reportNow();
    });
  }

  private reportNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.inFlight = this.send();
    return this.inFlight;
  }

  private async send(): Promise<void> {
    try {
      await this.registry.report(this.state);
      if (this.failing) this.logger.log('reporting applied config again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`cannot report applied config: ${String(error)}`);
      this.failing = true;
    }
  }
}
