import { describe, expect, it } from 'vitest';
import {
  microDollarRequestCompletedV1Fixture,
  requestCompletedV1Fixtures,
} from '../fixtures/request-completed.v1.fixtures';
import { RequestCompletedV1Schema } from './request-completed.v1';

describe('RequestCompletedV1Schema', () => {
  it.each(Object.entries(requestCompletedV1Fixtures))('parses the %s fixture', (_name, fixture) => {
    expect(RequestCompletedV1Schema.parse(fixture)).toEqual(fixture);
  });

  it('rejects an event of another type', () => {
    const wrong = { ...requestCompletedV1Fixtures.chatSuccess, type: 'gateway.other' };
    expect(RequestCompletedV1Schema.safeParse(wrong).success).toBe(false);
  });

  it('rejects fractional money', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const wrong = { ...fixture, payload: { ...fixture.payload, costNanoUsd: 1.5 } };
    const result = RequestCompletedV1Schema.safeParse(wrong);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['payload', 'costNanoUsd']);
  });

  it('rejects money past 2^53 - 1 nano-dollars, where a number stops being exact', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const wrong = { ...fixture, payload: { ...fixture.payload, costNanoUsd: 2 ** 53 } };
    expect(RequestCompletedV1Schema.safeParse(wrong).success).toBe(false);
  });

  it('reads an event published in micro-dollars as the same amounts in nano-dollars', () => {
    const parsed = RequestCompletedV1Schema.parse(microDollarRequestCompletedV1Fixture);
    expect(parsed.payload).toMatchObject({
      costNanoUsd: 6000,
      admission: { reservedNanoUsd: 41_000, costCounters: ['tollgate:limit:key:k1:cost:total'] },
      reservationHeldFor: null,
      lateUsageBilled: [],
    });
    expect(parsed.payload).not.toHaveProperty('costMicroUsd');
    expect(parsed.payload.admission).not.toHaveProperty('reservedMicroUsd');
  });

  it('reads an unpriced micro-dollar event as unpriced, and refuses a fractional micro-dollar amount', () => {
    const unpriced = {
      ...microDollarRequestCompletedV1Fixture,
      payload: { ...microDollarRequestCompletedV1Fixture.payload, costMicroUsd: null },
    };
    expect(RequestCompletedV1Schema.parse(unpriced).payload.costNanoUsd).toBeNull();
    const fractional = {
      ...microDollarRequestCompletedV1Fixture,
      payload: { ...microDollarRequestCompletedV1Fixture.payload, costMicroUsd: 0.5 },
    };
    expect(RequestCompletedV1Schema.safeParse(fractional).success).toBe(false);
  });

  it('names late usage claims as <kind>:<id>', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const held = { ...fixture, payload: { ...fixture.payload, reservationHeldFor: 'run:run_abc' } };
    expect(RequestCompletedV1Schema.parse(held).payload.reservationHeldFor).toBe('run:run_abc');
    const wrong = { ...fixture, payload: { ...fixture.payload, lateUsageBilled: ['run_abc'] } };
    expect(RequestCompletedV1Schema.safeParse(wrong).success).toBe(false);
  });

  it('rejects negative token counts', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const wrong = {
      ...fixture,
      payload: { ...fixture.payload, usage: { ...fixture.payload.usage, promptTokens: -1 } },
    };
    expect(RequestCompletedV1Schema.safeParse(wrong).success).toBe(false);
  });
});
