import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ConsumerGroups, Topics, type AdmissionCharge, type RequestCompletedV1 } from '@tollgate/contracts';
import {
  nanoDollarCounterOf,
  Settlement,
  totalSpendCheck,
  WindowLimiter,
  type HeldReservation,
  type SettlementCounter,
} from '@tollgate/limits';
import { nanoFromMicro } from '@tollgate/pricing';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { inEventSpan } from '@tollgate/platform-kafka';
import { REDIS } from '@tollgate/platform-redis';
import { RevocationsProducer } from './revocations.producer';

const SETTLED_FROM = { topic: Topics.requestCompleted.name, groupId: ConsumerGroups.authLimitSettlement };

// Settles each usage event once: the reservations admission charged become the actual cost and tokens (in
// nano-dollars), every key's and user's total spend grows by the actual cost, and for a key or user whose
// total limit is used up, config-admin is asked to revoke it (reason "cost_limit_exhausted"). A request whose
// usage is billed later (a background response, an assistants run) keeps its reservation until the event
// that bills it.
@Injectable()
export class SpendSettler {
  private readonly settlement: Settlement;
  private readonly limiter: WindowLimiter;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly model: ConfigReadModel,
    private readonly revocations: RevocationsProducer,
  ) {
    this.settlement = new Settlement(redis);
    this.limiter = new WindowLimiter(redis);
  }

  // Returns how many of the events were settled by this call (the rest had been already).
  async settle(events: readonly RequestCompletedV1[]): Promise<number> {
    // Each settlement is a span of the request that caused the event (its traceparent).
    const settled = await Promise.all(
      events.map((event) =>
        inEventSpan('settle usage event', SETTLED_FROM, event, () => this.settleOne(event)),
      ),
    );
    return settled.filter(Boolean).length;
  }

  private async settleOne(event: RequestCompletedV1): Promise<boolean> {
    const { payload } = event;
    const cost = payload.costNanoUsd ?? 0;
    const charge = payload.admission;
    const held = charge && payload.reservationHeldFor ? payload.reservationHeldFor : null;
    // A held reservation stays charged: what the request itself used is added beside it.
    const reserved = {
      cost: held ? 0 : (charge?.reservedNanoUsd ?? 0),
      tokens: held ? 0 : (charge?.reservedTokens ?? 0),
    };
    const counters: SettlementCounter[] = [];
    for (const key of charge?.costCounters ?? [])
      counters.push({ key, delta: cost - reserved.cost, mode: 'settle' });
    for (const key of charge?.tokenCounters ?? [])
      counters.push({ key, delta: payload.usage.totalTokens - reserved.tokens, mode: 'settle' });
    const totals = this.totalCounters(payload.keyId, payload.userEntityId);
    const charged = new Set((charge?.costCounters ?? []).map(nanoDollarCounterOf));
    for (const key of totals) if (!charged.has(key)) counters.push({ key, delta: cost, mode: 'add' });
    const fresh = await this.settlement.settleOnce(event.eventId, {
      counters,
      hold: held && charge ? holdOf(held, charge) : null,
      releases: payload.lateUsageBilled,
    });
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
      const spent = await this.limiter.usedOf(this.totalCounters(key.keyId, null)[0] ?? '');
      if (spent >= nanoFromMicro(key.limits.costLimitMicroUsd))
        await this.revocations.request('key', key.keyId, 'cost_limit_exhausted', traceparent);
    }
    const user = userEntityId ? this.model.user(userEntityId) : null;
    if (user && !user.revoked && user.limits.costLimitMicroUsd !== null) {
      const spent = await this.limiter.usedOf(this.totalCounters(null, user.id)[0] ?? '');
      if (spent >= nanoFromMicro(user.limits.costLimitMicroUsd))
        await this.revocations.request('user', user.id, 'cost_limit_exhausted', traceparent);
    }
  }
}

// What a held reservation keeps charged, per counter: released by the event that bills its late usage.
function holdOf(claim: string, charge: AdmissionCharge): HeldReservation {
  return {
    claim,
    amounts: [
      ...charge.costCounters.map((key) => ({ key, amount: charge.reservedNanoUsd })),
      ...charge.tokenCounters.map((key) => ({ key, amount: charge.reservedTokens })),
    ],
  };
}
