import { describe, expect, it } from 'vitest';
import { requestCompletedV1Fixtures } from '../fixtures/request-completed.v1.fixtures';
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
    const wrong = { ...fixture, payload: { ...fixture.payload, costMicroUsd: 1.5 } };
    const result = RequestCompletedV1Schema.safeParse(wrong);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['payload', 'costMicroUsd']);
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
