import { describe, expect, it } from 'vitest';
import { anthropicAdapter, openAiAdapter } from '@tollgate/providers';
import { makeRoute } from '@tollgate/testing';
import { ProxyError } from '../request/proxy-error';
import type { ProxiedRequest } from '../request/request-context';
import type { PlannedStep } from '../request/route-run';
import { stepRequest } from './step-request';

const BODY =
  '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"temperature":1,"x_unknown":true}';
const request = (body = BODY) =>
  ({ bytes: Buffer.from(body), json: JSON.parse(body) as Record<string, unknown> }) as ProxiedRequest;

function step(provider: 'openai' | 'anthropic', requestParams: Record<string, unknown> = {}): PlannedStep {
  const [s] = makeRoute({
    steps: [{ provider, model: provider === 'openai' ? 'gpt-4o-mini' : 'claude-sonnet-4-6', requestParams }],
  }).steps;
  if (!s) throw new Error('no step');
  return {
    index: 0,
    step: s,
    setting: {
      id: 's',
      provider,
      setting: { url: 'http://up' },
      secrets: { apikey: 'sk' },
      allowedModels: [],
      costMap: null,
    },
    adapter: provider === 'openai' ? openAiAdapter : anthropicAdapter,
    target: { path: provider === 'openai' ? '/v1/chat/completions' : '/v1/messages', query: '' },
    format: provider,
  };
}

describe(stepRequest.name, () => {
  it("patches the step's model and requestParams into the client's bytes, unknown fields kept", () => {
    const built = stepRequest(step('openai', { temperature: 0.2, max_tokens: 50 }), request(), {
      authorization: 'Bearer gw',
    });
    expect(JSON.parse(built.body.toString())).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.2,
      x_unknown: true,
      max_tokens: 50,
    });
    expect(built.url).toBe('http://up/v1/chat/completions');
    expect(built.headers['authorization']).toBe('Bearer sk');
  });

  it('translates a chat request for an Anthropic step', () => {
    const built = stepRequest(
      step('anthropic'),
      request(
        '{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]}',
      ),
      {},
    );
    expect(JSON.parse(built.body.toString())).toMatchObject({
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      messages: [{ role: 'user' }],
    });
    expect(built.headers).toMatchObject({ 'x-api-key': 'sk', 'anthropic-version': '2023-06-01' });
    expect(built.url).toBe('http://up/v1/messages');
  });

  it('refuses with a 400 what the translation cannot carry', () => {
    expect(() =>
      stepRequest(
        step('anthropic'),
        request('{"model":"m","messages":[{"role":"user","content":"hi"}],"n":3}'),
        {},
      ),
    ).toThrow(ProxyError);
  });
});
