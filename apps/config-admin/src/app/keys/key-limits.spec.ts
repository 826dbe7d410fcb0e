import { describe, expect, it } from 'vitest';
import { CreateKeySchema } from './key.dto';
import { costWindows, limitColumns, rateWindows, toMicroUsd } from './key-limits';

const base = {
  name: 'k',
  key: 'secret-key-0123456789',
  settingIds: ['6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
};
const problems = (body: object) => {
  const result = CreateKeySchema.safeParse({ ...base, ...body });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('key limit validation (BricksLLM behaviour 3.4)', () => {
  it.each([
    [{ rateLimitUnit: 'm' }, 'rateLimitOverTime: rate limit over time can not be empty'],
    [{ rateLimitOverTime: 2 }, 'rateLimitUnit: rate limit unit can not be empty'],
    [{ rateLimitOverTime: 2, rateLimitUnit: 'w' }, 'rateLimitUnit: rate limit unit can not be identified'],
    [{ costLimitInUsdUnit: 'd' }, 'costLimitInUsdOverTime: cost limit over time can not be empty'],
    [{ costLimitInUsdOverTime: 1 }, 'costLimitInUsdUnit: cost limit unit can not be empty'],
    [
      { costLimitInUsdOverTime: 1, costLimitInUsdUnit: 's' },
      'costLimitInUsdUnit: cost limit unit can not be identified',
    ],
    [{ costLimitInUsd: -1 }, 'costLimitInUsd:'],
    [{ rateLimitOverTime: -2, rateLimitUnit: 'm' }, 'rateLimitOverTime:'],
    [{ ttl: '1d' }, 'ttl: must be a Go duration'],
    [{ tags: ['ok', ''] }, 'tags.1: empty tag'],
    [{ allowedPaths: [{ path: '/api/x' }] }, 'allowedPaths.0.method:'],
    [
      { rateLimits: [{ limit: 1, unit: 'm' }], rateLimitOverTime: 5, rateLimitUnit: 'm' },
      'rateLimits: one rate window per unit',
    ],
  ])('rejects %j', (body, problem) => {
    expect(problems(body).join(' | ')).toContain(problem);
  });

  it.each([
    [
      {
        rateLimitOverTime: 2,
        rateLimitUnit: 'm',
        costLimitInUsdOverTime: 0.5,
        costLimitInUsdUnit: 'mo',
        ttl: '24h',
      },
    ],
    [
      {
        rateLimits: [
          { limit: 10, unit: 's' },
          { limit: 1000, unit: 'd' },
        ],
        costLimits: [{ limitInUsd: 5, unit: 'h' }],
      },
    ],
    [{ costLimitInUsd: 0.25, ttl: '1h30m' }],
  ])('accepts %j', (body) => {
    expect(problems(body)).toEqual([]);
  });
});

describe('limit windows', () => {
  it('joins the single window and the list, converting USD to integer micro-dollars', () => {
    const value = {
      rateLimitOverTime: 2,
      rateLimitUnit: 'm',
      rateLimits: [{ limit: 100, unit: 'd' as const }],
      costLimitInUsdOverTime: 0.1,
      costLimitInUsdUnit: 'd',
      costLimits: [{ limitInUsd: 0.3, unit: 'mo' as const }],
    };
    expect(rateWindows(value)).toEqual([
      { limit: 2, unit: 'm' },
      { limit: 100, unit: 'd' },
    ]);
    // 0.1 + 0.2 style float error must not leak into money: 0.3 USD is exactly 300000 micro-dollars.
    expect(costWindows(value)).toEqual([
      { limitMicroUsd: 100_000, unit: 'd' },
      { limitMicroUsd: 300_000, unit: 'mo' },
    ]);
    expect(toMicroUsd(0.1 + 0.2)).toBe(300_000);
  });
});

describe(limitColumns.name, () => {
  const NOW = Date.parse('2026-11-24T10:00:00.000Z');

  it('gives a create without limit fields no limits at all', () => {
    expect(limitColumns({}, undefined, NOW)).toEqual({
      costLimitMicroUsd: null,
      rateLimits: [],
      costLimits: [],
      tokenLimits: [],
      maxInFlightRequests: null,
      endStreamsAtLimit: false,
      ttl: '',
      expiresAt: null,
    });
  });

  it('maps every limit field of a create, the expiry counted from now', () => {
    expect(
      limitColumns(
        {
          costLimitInUsd: 0.25,
          rateLimitOverTime: 2,
          rateLimitUnit: 'm',
          costLimits: [{ limitInUsd: 1, unit: 'd' }],
          tokenLimits: [{ limit: 1000, unit: 'h' }],
          maxInFlightRequests: 3,
          endStreamsAtLimit: true,
          ttl: '1h30m',
        },
        undefined,
        NOW,
      ),
    ).toEqual({
      costLimitMicroUsd: 250_000,
      rateLimits: [{ limit: 2, unit: 'm' }],
      costLimits: [{ limitMicroUsd: 1_000_000, unit: 'd' }],
      tokenLimits: [{ limit: 1000, unit: 'h' }],
      maxInFlightRequests: 3,
      endStreamsAtLimit: true,
      ttl: '1h30m',
      expiresAt: new Date(NOW + 90 * 60_000),
    });
  });

  it('replaces only the fields an update gives; 0 and null remove a limit', () => {
    const held = limitColumns(
      {
        costLimitInUsd: 1,
        rateLimits: [{ limit: 5, unit: 's' }],
        costLimits: [{ limitInUsd: 2, unit: 'mo' }],
        tokenLimits: [{ limit: 10, unit: 'm' }],
        maxInFlightRequests: 2,
        endStreamsAtLimit: true,
        ttl: '24h',
      },
      undefined,
      NOW,
    );
    expect(limitColumns({}, held, NOW + 1_000)).toEqual(held);
    expect(limitColumns({ costLimitInUsd: 0, maxInFlightRequests: null }, held, NOW + 1_000)).toEqual({
      ...held,
      costLimitMicroUsd: null,
      maxInFlightRequests: null,
    });
    expect(limitColumns({ rateLimits: [], ttl: '' }, held, NOW + 1_000)).toEqual({
      ...held,
      rateLimits: [],
      ttl: '',
      expiresAt: null,
    });
  });
});
