import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeKey } from '@tollgate/testing';
import type { RequestContext } from '../request/request-context';
import { contextOf } from '../testing/stage-context.test-support';
import { RecordStage } from './record.stage';
import { UnauthenticatedEvents } from './unauthenticated-events';

const refused = (url: string, errorCode: 'invalid_api_key' | 'route_not_supported'): RequestContext => {
  const ctx = contextOf({ url });
  ctx.provider = url.split('/')[3] ?? '';
  ctx.outcome = { status: errorCode === 'invalid_api_key' ? 401 : 404, outcome: 'rejected', errorCode };
  return ctx;
};

describe(UnauthenticatedEvents.name, () => {
  afterEach(() => vi.restoreAllMocks());

  it('publishes at most N events a second and counts every request per reason and provider', () => {
    let now = 1_000_000;
    const sampler = new UnauthenticatedEvents(10, () => now);
    const published = () =>
      Array.from({ length: 25 }, (_, i) =>
        sampler.sample(refused(`/api/providers/x${i}/v1/a`, 'invalid_api_key')),
      );
    expect(published().filter(Boolean)).toHaveLength(10);
    now += 1_000;
    expect(published().filter(Boolean)).toHaveLength(10);
    sampler.sample(refused('/api/providers/openai/v1/nope', 'route_not_supported'));
    // A path's provider is the client's text: unknown names share one label.
    expect(Object.fromEntries(sampler.counts())).toEqual({
      'invalid_api_key unknown': 50,
      'route_not_supported openai': 1,
    });
  });

  it('summarizes what it did not publish once a minute', () => {
    let now = 0;
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sampler = new UnauthenticatedEvents(1, () => now);
    for (let i = 0; i < 5; i++)
      sampler.sample(refused('/api/providers/openai/v1/chat/completions', 'invalid_api_key'));
    expect(warn).not.toHaveBeenCalled();
    now = 60_000;
    sampler.sample(refused('/api/providers/openai/v1/chat/completions', 'invalid_api_key'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('4 requests refused before authentication'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('invalid_api_key openai: 4'));
  });
});

describe('RecordStage with sampling', () => {
  it('records every request whose key is known, and samples the others', () => {
    const recorded: string[] = [];
    const stage = new RecordStage(
      { record: (event) => recorded.push(event.requestId) },
      new UnauthenticatedEvents(0),
    );
    stage.run(refused('/api/providers/openai/v1/chat/completions', 'invalid_api_key'));
    const known = Object.assign(refused('/api/providers/openai/v1/chat/completions', 'invalid_api_key'), {
      key: makeKey({ keyId: 'k1', revoked: true }),
    });
    for (let i = 0; i < 3; i++) stage.run(known);
    expect(recorded).toHaveLength(3);
  });
});
