import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { RevocationsProducer } from './revocations.producer';

const SWEEP_EVERY_MS = 1_000;

// Asks config-admin to revoke keys and users whose TTL has run out, with reason "expired". The proxy already
// refuses them from the instant they expire; this makes the state visible in the admin API and to every reader.
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpirySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly model: ConfigReadModel,
    private readonly revocations: RevocationsProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, SWEEP_EVERY_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  // Returns how many requests went out (a subject already asked for within the interval is not asked again).
  async sweep(nowMs: number = Date.now()): Promise<number> {
    const expired = (at: string | null) => at !== null && Date.parse(at) <= nowMs;
    let requested = 0;
    try {
      for (const key of this.model.allKeys())
        if (
          !key.revoked &&
          expired(key.limits.expiresAt) &&
          (await this.revocations.request('key', key.keyId, 'expired'))
        )
          requested += 1;
      for (const user of this.model.allUsers())
        if (
          !user.revoked &&
          expired(user.limits.expiresAt) &&
          (await this.revocations.request('user', user.id, 'expired'))
        )
          requested += 1;
    } catch (error) {
      this.logger.error(`expiry sweep failed, retrying: ${String(error)}`);
    }
    return requested;
  }
}
