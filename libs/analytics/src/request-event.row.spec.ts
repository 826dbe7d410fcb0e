import { describe, expect, it } from 'vitest';
import {
  microDollarRequestCompletedV1Fixture,
  requestCompletedV1Fixtures,
  RequestCompletedV1Schema,
  type RequestCompletedV1,
} from '@tollgate/contracts';
import { toRequestEventRow } from './request-event.row';

describe(toRequestEventRow.name, () => {
  it('maps the success fixture to a complete row', () => {
    const event = RequestCompletedV1Schema.parse(
      requestCompletedV1Fixtures.chatSuccess,
    ) as RequestCompletedV1;
    expect(toRequestEventRow(event)).toEqual({
      event_id: '0b0f8c8e-3a4d-4a8e-9a3c-1f2e3d4c5b6a',
      created_at: 1795515330, // 2026-11-24T00:00:00Z (1795478400) + 10:15:30 (36930 s)
      created_at_ms: 123,
      request_id: '7d7a3b7e-2f6c-4b7e-8c1d-9e0f1a2b3c4d',
      key_id: '5f2b0c1e-8a9d-4e3f-b2a1-0c9d8e7f6a5b',
      tags: ['team-a'],
      provider: 'openai',
      model: 'gpt-4o-mini',
      path: '/api/providers/openai/v1/chat/completions',
      method: 'POST',
      status: 200,
      outcome: 'success',
      stream: 0,
      latency_ms: 412,
      prompt_tokens: 12,
      completion_tokens: 7,
      cached_prompt_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
      total_tokens: 19,
      usage_estimated: 0,
      cost_nano_usd: 6000,
      cost_micro_usd: 6,
      cost_known: 1,
      price_entry: 'gpt-4o-mini',
      user_id: 'user-42',
      custom_id: 'run-1',
      metadata: '{"team":"search"}',
      error_code: '',
      producer: 'proxy-edge',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      request_content_type: 'application/json',
      request_encoding: 'json',
      request_body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}',
      request_truncated: 0,
      response_content_type: '',
      response_encoding: '',
      response_body: '',
      response_truncated: 0,
      route_id: '',
      route_step: -1,
      route_attempts: '[]',
      cache: '',
      policy_id: '',
      pii_action: '',
      pii_entities: [],
    });
  });

  it('maps what a PII policy did: the policy, the action and the entity types', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const event = RequestCompletedV1Schema.parse({
      ...fixture,
      payload: {
        ...fixture.payload,
        policyId: 'p-1',
        piiAction: 'redacted',
        piiEntities: ['email', 'phone'],
      },
    }) as RequestCompletedV1;
    expect(toRequestEventRow(event)).toMatchObject({
      policy_id: 'p-1',
      pii_action: 'redacted',
      pii_entities: ['email', 'phone'],
    });
  });

  it('keeps a cost below a micro-dollar exact in nano-dollars (the micro-dollar column rounds it)', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const event = RequestCompletedV1Schema.parse({
      ...fixture,
      payload: { ...fixture.payload, costNanoUsd: 160 },
    }) as RequestCompletedV1;
    expect(toRequestEventRow(event)).toMatchObject({ cost_nano_usd: 160, cost_micro_usd: 0, cost_known: 1 });
  });

  it('maps an event published in micro-dollars to the same cost in nano-dollars', () => {
    const event = RequestCompletedV1Schema.parse(microDollarRequestCompletedV1Fixture) as RequestCompletedV1;
    expect(toRequestEventRow(event)).toMatchObject({ cost_nano_usd: 6000, cost_micro_usd: 6 });
  });

  it('keeps a rejected request without a key as a row with an empty key id', () => {
    const event = RequestCompletedV1Schema.parse(
      requestCompletedV1Fixtures.rejectedUnknownKey,
    ) as RequestCompletedV1;
    const row = toRequestEventRow(event);
    expect(row).toMatchObject({
      key_id: '',
      status: 401,
      outcome: 'rejected',
      cost_known: 1,
      error_code: 'invalid_api_key',
    });
  });

  it('makes every string well-formed: lone surrogates and NUL become U+FFFD, in metadata keys and bodies too', () => {
    const fixture = requestCompletedV1Fixtures.chatSuccess;
    const event = RequestCompletedV1Schema.parse({
      ...fixture,
      payload: {
        ...fixture.payload,
        userId: 'eve\ud800',
        customId: '\udc00x',
        model: 'gpt\u0000',
        tags: ['t\ud800'],
        metadata: { 'k\ud800': 'v\u0000' },
        request: { ...fixture.payload.request, body: '{"user":"\u0000"}' },
      },
    }) as RequestCompletedV1;
    const row = toRequestEventRow(event);
    expect(row).toMatchObject({
      user_id: 'eve\uFFFD',
      custom_id: '\uFFFDx',
      model: 'gpt\uFFFD',
      tags: ['t\uFFFD'],
      metadata: JSON.stringify({ 'k\uFFFD': 'v\uFFFD' }),
      request_body: '{"user":"\uFFFD"}',
    });
    // What ClickHouse receives: no `\ud800` escape (refused) and no `\u0000`.
    expect(JSON.stringify(row)).not.toMatch(/\\u(d[89a-f][0-9a-f]{2}|0000)/i);
  });
});
