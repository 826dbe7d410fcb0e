import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  requestCompletedV1Fixtures,
  RequestCompletedV1Schema,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { infraEnv } from '@tollgate/testing';
import { UsageLedger, usageLedgerKeys } from './usage-ledger';

describe('UsageLedger (real Redis)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const ledger = new UsageLedger(redis);

  afterAll(() => redis.quit());

  const withFreshIds = (fixture: unknown): RequestCompletedV1 => {
    // Consumer-side contract test: the shared fixture parses with the schema this consumer uses.
    const event = RequestCompletedV1Schema.parse(fixture) as RequestCompletedV1;
    const keyId = crypto.randomUUID();
    return { ...event, eventId: crypto.randomUUID(), payload: { ...event.payload, keyId } };
  };

  it('counts an event once per key however often it is delivered', async () => {
    const event = withFreshIds(requestCompletedV1Fixtures.chatSuccess);
    expect(await ledger.recordOnce([event, event])).toBe(1);
    expect(await ledger.recordOnce([event])).toBe(0);
    expect(await redis.get(usageLedgerKeys.requests(event.payload.keyId ?? ''))).toBe('1');
    expect(await redis.ttl(usageLedgerKeys.seen(event.eventId))).toBeGreaterThan(0);
  });

  it('counts distinct events of one key separately', async () => {
    const first = withFreshIds(requestCompletedV1Fixtures.chatSuccess);
    const second = { ...first, eventId: crypto.randomUUID() };
    expect(await ledger.recordOnce([first, second])).toBe(2);
    expect(await redis.get(usageLedgerKeys.requests(first.payload.keyId ?? ''))).toBe('2');
  });

  it('marks an event of a request without a key, counting nothing', async () => {
    const parsed = RequestCompletedV1Schema.parse(
      requestCompletedV1Fixtures.rejectedUnknownKey,
    ) as RequestCompletedV1;
    const event = { ...parsed, eventId: crypto.randomUUID() };
    expect(await ledger.recordOnce([event])).toBe(1);
    expect(await redis.exists(usageLedgerKeys.seen(event.eventId))).toBe(1);
  });
});
