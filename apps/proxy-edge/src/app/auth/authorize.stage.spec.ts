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
  keys.addSetting({
    id: 'azure-mini',
    provider: 'azure',
    setting: { resourceName: 'r', deployments: 'prod-chat=gpt-4o-mini, eu-chat = gpt-4o' },
    secrets: {},
    allowedModels: ['gpt-4o-mini', 'legacy-35'],
  });
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

  describe('Azure deployments', () => {
    const azure = (deployment: string, userId = '') =>
      Object.assign(
        routedContext({
          url: `/api/providers/azure/openai/deployments/${deployment}/chat/completions?api-version=2024-10-21`,
        }),
        {
          key: makeKey({ keyId: 'k1', tags: ['team'], settingIds: ['azure-mini'] }),
          // Azure ignores a body's model: it must not open an allow-list.
          request: proxiedRequestOf({ model: 'gpt-4o-mini', userId }),
        },
      );

    it('allows a deployment the setting maps to an allowed model, and prices it as that model', () => {
      expect(stage.run(azure('prod-chat')).access).toMatchObject({
        setting: { id: 'azure-mini' },
        model: 'gpt-4o-mini',
      });
    });

    it('allows a deployment named in the allow-list itself, priced as the model it is named after', () => {
      expect(stage.run(azure('legacy-35')).access.model).toBe('legacy-35');
    });

    it('refuses a deployment whose model the allow-list leaves out, whatever the body says', () => {
      expect(() => stage.run(azure('eu-chat'))).toThrowError(
        expect.objectContaining({ status: 403, code: 'model_not_allowed' }),
      );
      expect(() => stage.run(azure('unmapped'))).toThrowError(
        expect.objectContaining({ status: 403, code: 'model_not_allowed' }),
      );
    });

    it('checks a user’s allowed models against the deployment and its model', () => {
      expect(stage.run(azure('prod-chat', 'mini-only')).access.user?.id).toBe('e-mini');
      expect(() => stage.run(azure('legacy-35', 'mini-only'))).toThrowError(
        expect.objectContaining({ status: 403, code: 'model_not_allowed_for_user' }),
      );
    });
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
