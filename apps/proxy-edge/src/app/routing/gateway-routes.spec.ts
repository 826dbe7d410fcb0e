import { describe, expect, it } from 'vitest';
import type { ConfigReadModel } from '@tollgate/platform-config-sync';
import { makeRoute } from '@tollgate/testing';
import { GatewayRoutes, isGatewayRoutePath } from './gateway-routes';

const chat = makeRoute({ id: 'r1', path: '/prod/chat/completions' });
const embeddings = makeRoute({ id: 'r2', path: '/emb', requestFormat: 'openai_embeddings' });
const routes = new GatewayRoutes({
  route: (path: string) => [chat, embeddings].find((r) => r.path === path) ?? null,
} as unknown as ConfigReadModel);

describe(GatewayRoutes.name, () => {
  it('serves /api/routes/<path> and /api/route/<path> only', () => {
    expect(isGatewayRoutePath('/api/routes/prod')).toBe(true);
    expect(isGatewayRoutePath('/api/route/prod')).toBe(true);
    expect(isGatewayRoutePath('/api/routesx')).toBe(false);
    expect(isGatewayRoutePath('/api/providers/openai/v1/chat/completions')).toBe(false);
  });

  it.each(['/api/routes/prod/chat/completions', '/api/route/prod/chat/completions?x=1'])(
    'finds the route of %s, answered as an OpenAI chat request',
    (url) => {
      const found = routes.resolve('POST', url);
      if (!('match' in found)) throw new Error('not found');
      expect(found.run).toMatchObject({ config: { id: 'r1' }, kind: 'chat', steps: [], attempts: [] });
      expect(found.match.route).toMatchObject({
        provider: 'openai',
        usage: 'openai',
        injectStreamUsage: true,
      });
    },
  );

  it('reads an embeddings route as embeddings (no stream usage asked)', () => {
    const found = routes.resolve('POST', '/api/routes/emb');
    if (!('match' in found)) throw new Error('not found');
    expect(found.run.kind).toBe('embeddings');
    expect(found.match.route.injectStreamUsage).toBe(false);
  });

  it('answers not found for an unknown path or a method other than POST', () => {
    expect(routes.resolve('POST', '/api/routes/nope')).toMatchObject({ notFound: true });
    expect(routes.resolve('GET', '/api/routes/emb')).toMatchObject({ notFound: true });
  });
});
