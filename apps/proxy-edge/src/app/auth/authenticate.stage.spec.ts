import { describe, expect, it } from 'vitest';
import { InMemoryKeyDirectory, makeKey } from '@tollgate/testing';
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
  ])('finds the key in %s', async (_, headers) => {
    expect((await stage.run(withHeaders(headers))).key.keyId).toBe('k-good');
    expect((await stage.run(withHeaders({ 'x-api-key': 'later' }))).key.keyId).toBe('k-later');
  });

  it.each([
    ['no key', {}, 'missing_api_key'],
    ['an unknown key', { authorization: 'Bearer nope' }, 'invalid_api_key'],
    ['a revoked key', { 'x-api-key': 'revoked' }, 'revoked_api_key'],
    ['a key whose TTL ran out this instant', { 'x-api-key': 'expired' }, 'expired_api_key'],
  ])('refuses %s with 401', async (_, headers, code) => {
    await expect(stage.run(withHeaders(headers))).rejects.toMatchObject({ status: 401, code });
  });

  it('keeps a refused known key on the context, so its event names it', async () => {
    const ctx = withHeaders({ 'x-api-key': 'revoked' });
    await expect(stage.run(ctx)).rejects.toThrow();
    expect(ctx.key?.keyId).toBe('k-revoked');
  });

  it('waits for a key looked up at its source (one the read model does not hold yet), then checks it alike', async () => {
    const lookedUp = {
      fresh: makeKey({ keyId: 'k-fresh' }),
      'fresh-revoked': makeKey({ keyId: 'k-fresh-revoked', revoked: true }),
    };
    const source = new AuthenticateStage(
      { findByRawKey: (raw) => Promise.resolve(lookedUp[raw as keyof typeof lookedUp] ?? null) },
      () => NOW,
    );
    expect((await source.run(withHeaders({ 'x-api-key': 'fresh' }))).key.keyId).toBe('k-fresh');
    await expect(source.run(withHeaders({ 'x-api-key': 'fresh-revoked' }))).rejects.toMatchObject({
      code: 'revoked_api_key',
    });
    await expect(source.run(withHeaders({ 'x-api-key': 'still-unknown' }))).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
  });
});
