import { describe, expect, it } from 'vitest';
import { RequestCompletedV1PayloadSchema, type RequestCompletedV1Payload } from '@tollgate/contracts';
import { makeUser } from '@tollgate/testing';
import { authorizedContext, contextOf } from '../testing/stage-context.test-support';
import { RecordStage, usageEventOf } from './record.stage';

describe(RecordStage.name, () => {
  it('publishes one event built from what the stages found, with the client’s trace context', () => {
    const recorded: [RequestCompletedV1Payload, string][] = [];
    const ctx = authorizedContext(
      {
        headers: {
          'x-custom-event-id': 'c1',
          'x-metadata': '{"team":"a"}',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        },
      },
      {
        request: { userId: 'alice', stream: true },
        access: { user: makeUser({ id: 'e-alice', userId: 'alice' }) },
      },
    );
    ctx.outcome = { status: 200, outcome: 'success', errorCode: null };
    ctx.endedAt = ctx.receivedAt + 12.4;
    ctx.bill = {
      model: 'gpt-4o',
      usage: {
        promptTokens: 3,
        completionTokens: 1,
        cachedPromptTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 4,
        estimated: false,
      },
      costNanoUsd: 18_000,
      priceEntry: 'gpt-4o',
      heldFor: 'run:run_1',
      lateUsageBilled: ['response:resp_1'],
    };
    new RecordStage({ record: (payload, traceparent = '') => recorded.push([payload, traceparent]) }).run(
      ctx,
    );
    expect(recorded).toHaveLength(1);
    const [event, traceparent] = recorded[0] ?? [];
    expect(RequestCompletedV1PayloadSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      requestId: ctx.requestId,
      keyId: 'k1',
      provider: 'openai',
      model: 'gpt-4o',
      path: '/api/providers/openai/v1/chat/completions',
      method: 'POST',
      status: 200,
      stream: true,
      latencyMs: 12,
      costNanoUsd: 18_000,
      reservationHeldFor: 'run:run_1',
      lateUsageBilled: ['response:resp_1'],
      userId: 'alice',
      userEntityId: 'e-alice',
      customId: 'c1',
      metadata: { team: 'a' },
    });
    expect(traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('records a request refused before anything was known, and ignores metadata that is not a JSON object', () => {
    const ctx = contextOf({
      url: '/api/providers/openai/v1/chat/completions?x=1',
      headers: { 'x-metadata': '[1]' },
    });
    ctx.provider = 'openai';
    ctx.outcome = { status: 401, outcome: 'rejected', errorCode: 'missing_api_key' };
    ctx.bill = {
      model: '',
      usage: {
        promptTokens: 0,
        completionTokens: 0,
        cachedPromptTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 0,
        estimated: false,
      },
      costNanoUsd: 0,
      priceEntry: null,
      heldFor: null,
      lateUsageBilled: [],
    };
    const event = usageEventOf(ctx);
    expect(RequestCompletedV1PayloadSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      keyId: null,
      path: '/api/providers/openai/v1/chat/completions',
      metadata: null,
      errorCode: 'missing_api_key',
    });
  });

  it('makes the strings a client sent well-formed: lone surrogates and NUL become U+FFFD', () => {
    const ctx = authorizedContext(
      { headers: { 'x-metadata': '{"team\\ud800":"a\\u0000"}' } },
      { request: { userId: 'eve\ud800', model: 'gpt\u0000' } },
    );
    ctx.outcome = { status: 200, outcome: 'success', errorCode: null };
    const event = usageEventOf(ctx);
    expect(event).toMatchObject({
      userId: 'eve\uFFFD',
      model: 'gpt\uFFFD',
      metadata: { 'team\uFFFD': 'a\uFFFD' },
    });
    expect(JSON.stringify(event)).not.toMatch(/\\u(d[89a-f][0-9a-f]{2}|0000)/i);
  });
});
