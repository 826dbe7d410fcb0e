import type { UserSnapshot } from '@tollgate/contracts';
import { ProxyError } from '../request/proxy-error';
import type { Authorized, ProviderSettingView, RequestRead } from '../request/request-context';
import { hasExpired, isModelAllowed, isPathAllowed } from './access-rules';
import { requestModelsOf } from './deployment-models';
import type { KeyLookup } from './key-directory';

// Picks one of several usable settings for a key that rotates them.
export type Chooser = <T>(items: readonly T[]) => T | undefined;
const pickAtRandom: Chooser = (items) => items[Math.floor(Math.random() * items.length)];

// Stage 4: what the key (and the user the body names) may do: this path, this model, with which setting.
export class AuthorizeStage {
  constructor(
    private readonly keys: Pick<KeyLookup, 'settings' | 'userFor'>,
    private readonly now: () => number = Date.now,
    private readonly pick: Chooser = pickAtRandom,
  ) {}

  run(ctx: RequestRead): Authorized {
    const { key, route, request } = ctx;
    if (!isPathAllowed(key.allowedPaths, route.route.template, route.route.method))
      throw new ProxyError('path_not_allowed', 'path is not allowed');
    const setting = this.settingFor(ctx);
    const { names, model } = requestModelsOf(route, request.model, setting);
    const user = this.keys.userFor(request.userId, key.tags);
    const authorized = Object.assign(ctx, { access: { setting, user, model } });
    if (user) this.checkUser(user, ctx, names);
    return authorized;
  }

  // The first compatible setting that allows the model (an Azure deployment: it or the model it maps to), or
  // a random one when the key rotates its settings (as BricksLLM does).
  private settingFor({ key, route, request }: RequestRead): ProviderSettingView {
    const provider = route.route.provider;
    const compatible = this.keys.settings(key.settingIds).filter((s) => s.provider === provider);
    if (compatible.length === 0)
      throw new ProxyError('provider_not_configured', `this key has no ${provider} provider setting`);
    const usable = compatible.filter((s) =>
      requestModelsOf(route, request.model, s).names.some((name) => isModelAllowed(s.allowedModels, name)),
    );
    const setting = key.rotationEnabled ? this.pick(usable) : usable[0];
    if (!setting) throw new ProxyError('model_not_allowed', 'model is not allowed');
    return setting;
  }

  private checkUser(user: UserSnapshot, { route }: RequestRead, models: readonly string[]): void {
    const who = user.userId;
    if (user.revoked) throw new ProxyError('user_revoked', `user is revoked: ${who}`);
    if (hasExpired(user.limits.expiresAt, this.now()))
      throw new ProxyError('user_expired', `user has expired: ${who}`);
    if (!models.some((model) => isModelAllowed(user.allowedModels, model)))
      throw new ProxyError(
        'model_not_allowed_for_user',
        `model: ${models.join(' / ')} forbidden for user: ${who}`,
      );
    if (!isPathAllowed(user.allowedPaths, route.route.template, route.route.method))
      throw new ProxyError(
        'path_not_allowed_for_user',
        `path: ${route.route.template} forbidden for user: ${who}`,
      );
  }
}
