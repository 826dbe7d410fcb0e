import { describe, expect, it } from 'vitest';
import { ProxyError } from '../request/proxy-error';
import { contextOf } from '../testing/stage-context.test-support';
import type { RouteLookup } from './route-matcher';
import { ResolveRouteStage } from './resolve-route.stage';

const noCustomProviders = { resolve: (): RouteLookup => ({ provider: null, notFound: true }) };

describe(ResolveRouteStage.name, () => {
  it('matches a provider path to its route, adapter and the suffix the provider sees', () => {
    const ctx = contextOf({ method: 'POST', url: '/api/providers/anthropic/v1/messages?beta=true' });
    const routed = new ResolveRouteStage(noCustomProviders).run(ctx);
    expect(routed.provider).toBe('anthropic');
    expect(routed.route.route.template).toBe('/api/providers/anthropic/v1/messages');
    expect(routed.route.adapter.name).toBe('anthropic');
    expect(routed.route.upstream).toEqual({ path: '/v1/messages', query: '?beta=true' });
    expect(routed.route.path).toBe('/api/providers/anthropic/v1/messages');
  });

  it('asks the custom provider routes for /api/custom/providers/ paths', () => {
    const asked: string[] = [];
    const stage = new ResolveRouteStage({
      resolve: (method, url) => {
        asked.push(`${method} ${url}`);
        return { provider: 'acme', notFound: true, message: 'route config is not found' };
      },
    });
    const ctx = contextOf({ method: 'POST', url: '/api/custom/providers/acme/chat' });
    expect(() => stage.run(ctx)).toThrowError('route config is not found');
    expect(asked).toEqual(['POST /api/custom/providers/acme/chat']);
    expect(ctx.provider).toBe('acme');
  });

  it('refuses an unknown path with 404, naming the provider for the error shape', () => {
    const ctx = contextOf({ method: 'POST', url: '/api/providers/anthropic/v1/nope' });
    let thrown: unknown;
    try {
      new ResolveRouteStage(noCustomProviders).run(ctx);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProxyError);
    expect(thrown).toMatchObject({ status: 404, code: 'route_not_supported' });
    expect(ctx.provider).toBe('anthropic');
    expect(ctx.route).toBeUndefined();
  });
});
