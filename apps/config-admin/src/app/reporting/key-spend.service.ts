import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { calendarWindow, planLimits, totalSpendCheck, WindowLimiter } from '@tollgate/limits';
import { microFromNano } from '@tollgate/pricing';
import { KeyEntity, toKeyLimits } from '@tollgate/config-entities';
import { REDIS } from '@tollgate/platform-redis';
import { AdminException } from '../errors/admin.exception';

export interface KeySpendReport {
  id: string;
  // BricksLLM's field: the key's total spend in micro-dollars, exact (fractions kept: 0.16 is 160 nano-dollars).
  costInMicroDollars: number;
  // Beyond BricksLLM: the same total in integer nano-dollars, as counted.
  costInNanoDollars: number;
  // Beyond BricksLLM: spend (micro-dollars, as limits are set), tokens and requests in each current window.
  windows: {
    kind: 'rate' | 'cost' | 'tokens';
    unit: string;
    used: number;
    limit: number;
    // Unix seconds when the window turns.
    resetAt: number;
  }[];
}

// `GET /api/reporting/keys/:id`, read from the limiter's counters: what admission sees is what is reported.
@Injectable()
export class KeySpendService {
  private readonly limiter: WindowLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) redis: Redis,
  ) {
    this.limiter = new WindowLimiter(redis);
  }

  async report(keyId: string, nowMs: number = Date.now()): Promise<KeySpendReport> {
    const key = await this.dataSource.getRepository(KeyEntity).findOneBy({ keyId });
    if (!key) throw new AdminException('not-found', 'key not found', `key ${keyId} is not found`);
    const limits = toKeyLimits(key.limits);
    const plan = planLimits(
      [{ kind: 'key', id: keyId, limits }],
      { reservedNanoUsd: 0, reservedTokens: 0 },
      {
        slotId: '',
        maxAgeMs: 0,
      },
    );
    const windows = plan.windows.filter((w) => w.unit !== 'total');
    const [total, ...used] = await Promise.all([
      this.limiter.used(totalSpendCheck({ kind: 'key', id: keyId }, 0), nowMs),
      ...windows.map((w) => this.limiter.used(w, nowMs)),
    ]);
    const inLimitUnits = (kind: string, amount: number) => (kind === 'cost' ? microFromNano(amount) : amount);
    return {
      id: keyId,
      costInMicroDollars: microFromNano(total ?? 0),
      costInNanoDollars: total ?? 0,
      windows: windows.map((w, i) => ({
        kind: w.kind,
        unit: w.unit,
        used: inLimitUnits(w.kind, used[i] ?? 0),
        limit: inLimitUnits(w.kind, w.limit),
        resetAt: w.unit === 'total' ? 0 : Math.floor(calendarWindow(w.unit, nowMs).endMs / 1000),
      })),
    };
  }
}
