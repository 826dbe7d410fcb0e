import { describe, expect, it } from 'vitest';
import { revocationRequestedV1Fixtures } from '../fixtures/revocation-requested.v1.fixtures';
import { RevocationRequestedV1Schema } from './revocation-requested.v1';

describe('RevocationRequestedV1Schema', () => {
  it.each(Object.entries(revocationRequestedV1Fixtures))('parses the %s fixture', (_name, fixture) => {
    expect(RevocationRequestedV1Schema.parse(fixture)).toEqual(fixture);
  });

  it.each([
    ['an entity that cannot be revoked', { entity: 'policy' }, 'entity'],
    ['a reason of its own making', { reason: 'revoked' }, 'reason'],
    ['an id that is not a uuid', { id: 'k1' }, 'id'],
  ])('rejects %s', (_what, change, field) => {
    const fixture = revocationRequestedV1Fixtures.keyCostLimitExhausted;
    const result = RevocationRequestedV1Schema.safeParse({
      ...fixture,
      payload: { ...fixture.payload, ...change },
    });
    expect(result.error?.issues[0]?.path).toEqual(['payload', field]);
  });
});
