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

  it('reads a Bedrock runtime path’s model (decoded) and whether it streams', () => {
    const lookup = matchRoute(
      'POST',
      '/api/providers/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream',
    );
    if (!('match' in lookup)) throw new Error('no match');
    expect(lookup.match.upstream.path).toBe(
      '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream',
    );
    expect(lookup.match.route.usage).toBe('bedrock');
    expect(lookup.match.fieldsOf?.({ max_tokens: 5 })).toEqual({
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      stream: true,
      prompt: { max_tokens: 5 },
    });
  });

  it('re-aims BricksLLM’s Anthropic-on-Bedrock path at the body’s model, answering errors as Anthropic', () => {
    const lookup = matchRoute('POST', '/api/providers/bedrock/anthropic/v1/messages');
    if (!('match' in lookup)) throw new Error('no match');
    const body = Buffer.from('{"model":"anthropic.claude-3-haiku-20240307-v1:0","max_tokens":5}');
    const reshaped = lookup.match.toUpstream?.(body, 'anthropic.claude-3-haiku-20240307-v1:0', false);
    expect(reshaped?.upstream).toEqual({
      path: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
      query: '',
    });
    expect(lookup.match.adapter.errorBody(403, 'model_not_allowed', 'no')).toMatchObject({ type: 'error' });
    expect(() => lookup.match.toUpstream?.(body, '../../v1/x', false)).toThrow(/Bedrock model id/);
  });

  it('serves BricksLLM’s legacy Bedrock completions path the same way', () => {
    const lookup = matchRoute('POST', '/api/providers/bedrock/anthropic/v1/complete');
    if (!('match' in lookup)) throw new Error('no match');
    expect(lookup.match.route).toMatchObject({ usage: 'bedrock', anthropicOnBedrock: true });
    const body = Buffer.from(
      '{"model":"anthropic.claude-v2:1","prompt":"x","max_tokens_to_sample":5,"stream":true}',
    );
    expect(lookup.match.toUpstream?.(body, 'anthropic.claude-v2:1', true)?.upstream).toEqual({
      path: '/model/anthropic.claude-v2%3A1/invoke-with-response-stream',
      query: '',
    });
  });

  it('has no two routes with the same method and template', () => {
    const keys = PROXY_ROUTES.map((r) => `${r.method} ${r.template}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
