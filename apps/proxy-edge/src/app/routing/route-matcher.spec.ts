import { describe, expect, it } from 'vitest';
import { PROXY_ROUTES } from './proxy-routes';
import { matchRoute } from './route-matcher';

describe(matchRoute.name, () => {
  it.each([
    [
      'POST',
      '/api/providers/openai/v1/chat/completions',
      '/api/providers/openai/v1/chat/completions',
      '/v1/chat/completions',
    ],
    [
      'GET',
      '/api/providers/openai/v1/models/gpt-4o',
      '/api/providers/openai/v1/models/:model',
      '/v1/models/gpt-4o',
    ],
    [
      'POST',
      '/api/providers/openai/v1/threads/runs',
      '/api/providers/openai/v1/threads/runs',
      '/v1/threads/runs',
    ],
    [
      'POST',
      '/api/providers/openai/v1/threads/th_1/runs',
      '/api/providers/openai/v1/threads/:thread_id/runs',
      '/v1/threads/th_1/runs',
    ],
    [
      'POST',
      '/api/providers/azure/openai/deployments/gpt4/chat/completions?api-version=2024-10-21',
      '/api/providers/azure/openai/deployments/:deployment_id/chat/completions',
      '/openai/deployments/gpt4/chat/completions?api-version=2024-10-21',
    ],
    ['POST', '/api/providers/anthropic/v1/messages', '/api/providers/anthropic/v1/messages', '/v1/messages'],
    [
      'POST',
      '/api/providers/deepinfra/v1/embeddings',
      '/api/providers/deepinfra/v1/embeddings',
      '/v1/embeddings',
    ],
  ])('%s %s → %s', (method, url, template, suffix) => {
    const lookup = matchRoute(method, url);
    expect('match' in lookup && lookup.match.route.template).toBe(template);
    expect('match' in lookup && lookup.match.upstream.path + lookup.match.upstream.query).toBe(suffix);
  });

  it('knows the provider of an unknown path, for the error shape', () => {
    expect(matchRoute('POST', '/api/providers/anthropic/v1/nope')).toEqual({
      provider: 'anthropic',
      notFound: true,
    });
    expect(matchRoute('GET', '/api/providers/openai/v1/chat/completions')).toEqual({
      provider: 'openai',
      notFound: true,
    });
    expect(matchRoute('GET', '/elsewhere')).toEqual({ provider: null, notFound: true });
  });

  it('captures parameters only from a safe character set', () => {
    const fineTuned = '/api/providers/openai/v1/models/ft%3Agpt-4o-mini%3Aacme%3A%3Aabc@x~y';
    const matched = matchRoute('GET', fineTuned);
    expect('match' in matched && matched.match.upstream.path).toBe(
      fineTuned.slice('/api/providers/openai'.length),
    );
    for (const param of ['a%20b', 'a%25b', 'a"b', 'a<b', 'a{b}', 'ä', 'a#b', 'a+b'])
      expect(matchRoute('GET', `/api/providers/openai/v1/models/${param}`)).toMatchObject({ notFound: true });
  });

  it('builds the provider path from the template and the parameters, and keeps the query apart', () => {
    const lookup = matchRoute('POST', '/api/providers/openai/v1/threads/th_1/runs/run_2/cancel?x=1');
    expect('match' in lookup && lookup.match).toMatchObject({
      path: '/api/providers/openai/v1/threads/th_1/runs/run_2/cancel',
      upstream: { path: '/v1/threads/th_1/runs/run_2/cancel', query: '?x=1' },
      route: { template: '/api/providers/openai/v1/threads/:thread_id/runs/:run_id/cancel' },
    });
  });

  it('has no two routes with the same method and template', () => {
    const keys = PROXY_ROUTES.map((r) => `${r.method} ${r.template}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
