import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { Revoker } from './revoker';

const SWEEP_EVERY_MS = 1_000;

// Revokes keys and users whose TTL has run out, with reason "expired". The proxy already refuses them from
// the instant they expire; this makes the state visible in the admin API and to every reader.
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpirySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly model: ConfigReadModel,
    private readonly revoker: Revoker,
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

  async sweep(nowMs: number = Date.now()): Promise<number> {
    const expired = (at: string | null) => at !== null && Date.parse(at) <= nowMs;
    let revoked = 0;
    try {
      for (const key of this.model.allKeys())
        if (
          !key.revoked &&
          expired(key.limits.expiresAt) &&
          (await this.revoker.revokeKey(key.keyId, 'expired'))
        )
          revoked += 1;
      for (const user of this.model.allUsers())
        if (
          !user.revoked &&
          expired(user.limits.expiresAt) &&
          (await this.revoker.revokeUser(user.id, 'expired'))
        )
          revoked += 1;
    } catch (error) {
      this.logger.error(`expiry sweep failed, retrying: ${String(error)}`);
    }
    return revoked;
  }
}
