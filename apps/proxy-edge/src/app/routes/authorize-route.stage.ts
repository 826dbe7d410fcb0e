import { hasExpired } from '../auth/access-rules';
import type { KeyLookup } from '../auth/key-directory';
import { ProxyError } from '../request/proxy-error';
import type { Authorized, RequestRead } from '../request/request-context';
import type { RouteRun } from '../request/route-run';
import type { CustomRouteResolver } from '../routing/resolve-route.stage';
import { planSteps } from './route-steps';

type Inner = { run(ctx: RequestRead): Authorized };

// Stage 4 for a route: the key must be one of the route's keys (403 otherwise), and the steps it can run are
// planned with its own provider settings. The request is admitted and priced as its first step; the step
// that answers is what it is billed as. Other requests go to the provider authorization unchanged.
export class AuthorizeRouteStage {
  constructor(
    private readonly inner: Inner,
    private readonly keys: Pick<KeyLookup, 'settings' | 'userFor'>,
    private readonly customRoutes: CustomRouteResolver,
    private readonly now: () => number = Date.now,
  ) {}

  run(ctx: RequestRead): Authorized {
    const run = ctx.routeRun;
    if (!run) return this.inner.run(ctx);
    const { key, request } = ctx;
    if (!run.config.keyIds.includes(key.keyId))
      throw new ProxyError('path_not_allowed', 'this key may not use this route');
    run.requestedModel = request.model;
    run.steps = planSteps(run, key, this.keys, this.customRoutes);
    const first = run.steps[0];
    if (!first)
      throw new ProxyError(
        'provider_not_configured',
        'this key has no provider setting for any step of the route',
      );
    const user = this.keys.userFor(request.userId, key.tags);
    if (user?.revoked) throw new ProxyError('user_revoked', `user is revoked: ${user.userId}`);
    if (user && hasExpired(user.limits.expiresAt, this.now()))
      throw new ProxyError('user_expired', `user has expired: ${user.userId}`);
    retarget(ctx, run, first.index);
    return Object.assign(ctx, { access: { setting: first.setting, user, model: first.step.model } });
  }
}

// The request as the step at `index` serves it: its provider and model are what the request is priced,
// billed and recorded as.
export function retarget(ctx: RequestRead, run: RouteRun, index: number): void {
  const planned = run.steps.find((s) => s.index === index);
  if (!planned) return;
  ctx.provider = planned.step.provider;
  ctx.route = { ...ctx.route, route: { ...ctx.route.route, provider: planned.step.provider } };
  ctx.request.model = planned.step.model;
  if (ctx.access) ctx.access = { ...ctx.access, setting: planned.setting, model: planned.step.model };
}
