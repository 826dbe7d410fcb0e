import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { Settlement, totalSpendCheck, WindowLimiter, type SettlementCounter } from '@tollgate/limits';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { REDIS } from '@tollgate/platform-redis';
import { RevocationsProducer } from './revocations.producer';

// Settles each usage event once: the reservations admission charged become the actual cost and tokens, every
// key's and user's total spend grows by the actual cost, and for a key or user whose total limit is used up,
// config-admin is asked to revoke it (reason "cost_limit_exhausted").
@Injectable()
export class SpendSettler {
  private readonly settlement: Settlement;
  private readonly limiter: WindowLimiter;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly model: ConfigReadModel,
    private readonly revocations: RevocationsProducer,
  ) {
    this.settlement = new Settlement(redis);
    this.limiter = new WindowLimiter(redis);
  }

  // Returns how many of the events were settled by this call (the rest had been already).
  async settle(events: readonly RequestCompletedV1[]): Promise<number> {
    const settled = await Promise.all(events.map((event) => this.settleOne(event)));
    return settled.filter(Boolean).length;
  }

  private async settleOne(event: RequestCompletedV1): Promise<boolean> {
    const { payload } = event;
    const cost = payload.costMicroUsd ?? 0;
    const charge = payload.admission;
    const counters: SettlementCounter[] = [];
    if (charge) {
      for (const key of charge.costCounters)
        counters.push({ key, delta: cost - charge.reservedMicroUsd, mode: 'settle' });
      for (const key of charge.tokenCounters)
        counters.push({ key, delta: payload.usage.totalTokens - charge.reservedTokens, mode: 'settle' });
    }
    const totals = this.totalCounters(payload.keyId, payload.userEntityId);
    for (const key of totals)
      if (!charge?.costCounters.includes(key)) counters.push({ key, delta: cost, mode: 'add' });
    const fresh = await this.settlement.settleOnce(event.eventId, counters);
    // Redelivered events look too: a request that failed to go out (the batch is redelivered) goes out then.
    if (cost > 0) await this.requestExhausted(payload.keyId, payload.userEntityId, event.traceparent);
    return fresh;
  }

  private totalCounters(keyId: string | null, userEntityId: string | null): string[] {
    const counters: string[] = [];
    if (keyId) counters.push(this.limiter.counterKey(totalSpendCheck({ kind: 'key', id: keyId }, 0), 0));
    if (userEntityId)
      counters.push(this.limiter.counterKey(totalSpendCheck({ kind: 'user', id: userEntityId }, 0), 0));
    return counters;
  }

  private async requestExhausted(
    keyId: string | null,
    userEntityId: string | null,
    traceparent: string | null,
  ): Promise<void> {
    const key = keyId ? this.model.key(keyId) : null;
    if (key && !key.revoked && key.limits.costLimitMicroUsd !== null) {
      const spent = Number(await this.redis.get(this.totalCounters(key.keyId, null)[0] ?? ''));
      if (spent >= key.limits.costLimitMicroUsd)
        await this.revocations.request('key', key.keyId, 'cost_limit_exhausted', traceparent);
    }
    const user = userEntityId ? this.model.user(userEntityId) : null;
    if (user && !user.revoked && user.limits.costLimitMicroUsd !== null) {
      const spent = Number(await this.redis.get(this.totalCounters(null, user.id)[0] ?? ''));
      if (spent >= user.limits.costLimitMicroUsd)
        await this.revocations.request('user', user.id, 'cost_limit_exhausted', traceparent);
    }
  }
}
