import { describe, expect, it } from 'vitest';
import { InMemoryKeyDirectory } from '@tollgate/testing';
import { routedContext } from '../testing/stage-context.test-support';
import { AuthenticateStage } from './authenticate.stage';

const NOW = Date.parse('2026-12-03T12:00:00Z');

describe(AuthenticateStage.name, () => {
  const keys = new InMemoryKeyDirectory();
  keys.addKey('good', { keyId: 'k-good' });
  keys.addKey('revoked', { keyId: 'k-revoked', revoked: true });
  keys.addKey('expired', { keyId: 'k-expired', limits: { expiresAt: new Date(NOW).toISOString() } });
  keys.addKey('later', { keyId: 'k-later', limits: { expiresAt: new Date(NOW + 1).toISOString() } });
  const stage = new AuthenticateStage(keys, () => NOW);
  const withHeaders = (headers: Record<string, string>) => routedContext({ headers });

  it.each([
    ['x-api-key', { 'x-api-key': 'good' }],
    ['api-key', { 'api-key': 'good' }],
    ['a bearer token', { authorization: 'Bearer good' }],
  ])('finds the key in %s', (_, headers) => {
    expect(stage.run(withHeaders(headers)).key.keyId).toBe('k-good');
    expect(stage.run(withHeaders({ 'x-api-key': 'later' })).key.keyId).toBe('k-later');
  });

  it.each([
    ['no key', {}, 'missing_api_key'],
    ['an unknown key', { authorization: 'Bearer nope' }, 'invalid_api_key'],
    ['a revoked key', { 'x-api-key': 'revoked' }, 'revoked_api_key'],
    ['a key whose TTL ran out this instant', { 'x-api-key': 'expired' }, 'expired_api_key'],
  ])('refuses %s with 401', (_, headers, code) => {
    expect(() => stage.run(withHeaders(headers))).toThrowError(
      expect.objectContaining({ status: 401, code }),
    );
  });

  it('keeps a refused known key on the context, so its event names it', () => {
    const ctx = withHeaders({ 'x-api-key': 'revoked' });
    expect(() => stage.run(ctx)).toThrow();
    expect(ctx.key?.keyId).toBe('k-revoked');
  });
});
