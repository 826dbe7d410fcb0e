import { describe, expect, it } from 'vitest';
import { InMemoryKeyDirectory, makeKey, type KeyOverrides } from '@tollgate/testing';
import type { RequestRead } from '../request/request-context';
import { proxiedRequestOf, routedContext } from '../testing/stage-context.test-support';
import { AuthorizeStage } from './authorize.stage';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function directory(): InMemoryKeyDirectory {
  const keys = new InMemoryKeyDirectory();
  keys.addSetting({ id: 'anthropic', provider: 'anthropic', setting: {}, secrets: {} });
  keys.addSetting({
    id: 'mini',
    provider: 'openai',
    setting: {},
    secrets: {},
    allowedModels: ['gpt-4o-mini'],
  });
  keys.addSetting({ id: 'any-1', provider: 'openai', setting: {}, secrets: {} });
  keys.addSetting({ id: 'any-2', provider: 'openai', setting: {}, secrets: {} });
  keys.addUser({ id: 'e-alice', userId: 'alice', tags: ['team'] });
  keys.addUser({ id: 'e-gone', userId: 'gone', tags: ['team'], revoked: true });
  keys.addUser({
    id: 'e-old',
    userId: 'old',
    tags: ['team'],
    limits: { expiresAt: new Date(NOW).toISOString() },
  });
  keys.addUser({ id: 'e-mini', userId: 'mini-only', tags: ['team'], allowedModels: ['gpt-4o-mini'] });
  keys.addUser({
    id: 'e-embed',
    userId: 'embed-only',
    tags: ['team'],
    allowedPaths: [{ path: '/api/providers/openai/v1/embeddings', method: 'POST' }],
  });
  return keys;
}

const read = (key: KeyOverrides, request: { model?: string; userId?: string } = {}): RequestRead =>
  Object.assign(routedContext(), {
    key: makeKey({ keyId: 'k1', tags: ['team'], ...key }),
    request: proxiedRequestOf({ model: 'gpt-4o', ...request }),
  });

describe(AuthorizeStage.name, () => {
  const stage = new AuthorizeStage(
    directory(),
    () => NOW,
    (items) => items.at(-1),
  );

  it('uses the first compatible setting that allows the model, in the key’s own order', () => {
    const { access } = stage.run(read({ settingIds: ['anthropic', 'mini', 'any-1', 'any-2'] }));
    expect(access.setting.id).toBe('any-1');
    expect(access.user).toBeNull();
  });

  it('lets a key that rotates pick among every usable setting', () => {
    const { access } = stage.run(read({ settingIds: ['any-1', 'any-2'], rotationEnabled: true }));
    expect(access.setting.id).toBe('any-2');
  });

  it.each([
    [
      'a path outside allowedPaths',
      { allowedPaths: [{ path: '/x', method: 'POST' }] },
      {},
      'path_not_allowed',
    ],
    [
      'a key without a setting for the provider',
      { settingIds: ['anthropic'] },
      {},
      'provider_not_configured',
    ],
    ['a model no setting allows', { settingIds: ['mini'] }, {}, 'model_not_allowed'],
  ])('refuses %s with 403', (_, key, request, code) => {
    expect(() => stage.run(read({ settingIds: ['any-1'], ...key }, request))).toThrowError(
      expect.objectContaining({ status: 403, code }),
    );
  });

  it('binds the body’s user among users carrying the key’s tags', () => {
    const { access } = stage.run(read({ settingIds: ['any-1'] }, { userId: 'alice' }));
    expect(access.user?.id).toBe('e-alice');
    expect(
      stage.run(read({ settingIds: ['any-1'], tags: ['other'] }, { userId: 'alice' })).access.user,
    ).toBeNull();
  });

  it.each([
    ['gone', 401, 'user_revoked', 'user is revoked: gone'],
    ['old', 401, 'user_expired', 'user has expired: old'],
    ['mini-only', 403, 'model_not_allowed_for_user', 'model: gpt-4o forbidden for user: mini-only'],
    [
      'embed-only',
      403,
      'path_not_allowed_for_user',
      'path: /api/providers/openai/v1/chat/completions forbidden for user: embed-only',
    ],
  ])(
    'refuses user %s (%s %s), keeping the user on the context for the event',
    (userId, status, code, message) => {
      const ctx = read({ settingIds: ['any-1'] }, { userId });
      expect(() => stage.run(ctx)).toThrowError(expect.objectContaining({ status, code, message }));
      expect(ctx.access?.user?.userId).toBe(userId);
    },
  );
});
