import { describe, expect, it } from 'vitest';
import { configChangedV1Fixtures } from '../fixtures/config-changed.v1.fixtures';
import { ConfigChangedV1Schema, configMessageKey, parseConfigMessageKey } from './config-changed.v1';

describe('ConfigChangedV1Schema', () => {
  it.each(Object.entries(configChangedV1Fixtures))('parses the %s fixture', (_name, fixture) => {
    expect(ConfigChangedV1Schema.parse(fixture)).toEqual(fixture);
  });

  it('rejects key data under a provider setting entity', () => {
    const wrong = {
      ...configChangedV1Fixtures.keyUpserted,
      payload: { ...configChangedV1Fixtures.keyUpserted.payload, entity: 'provider_setting' },
    };
    expect(ConfigChangedV1Schema.safeParse(wrong).success).toBe(false);
  });
});

describe(configMessageKey.name, () => {
  it('round-trips entity and id', () => {
    expect(parseConfigMessageKey(configMessageKey('key', 'a:b'))).toEqual({ entity: 'key', id: 'a:b' });
  });
  it('rejects unknown entities and malformed keys', () => {
    expect(parseConfigMessageKey('widget:1')).toBeNull();
    expect(parseConfigMessageKey('nokey')).toBeNull();
  });
});
