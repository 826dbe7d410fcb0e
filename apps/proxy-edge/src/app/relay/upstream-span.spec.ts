import { Readable } from 'node:stream';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryEventBus } from '@tollgate/platform-bus';
import { setTracingActive } from '@tollgate/platform-telemetry';
import { startTestTracing, type TestTracing } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import type { Admitted, RequestContext } from '../request/request-context';
import { authorizedContext, NOTHING_HELD } from '../testing/stage-context.test-support';
import { RecordStage } from '../usage/record.stage';
import { UsageRecorder } from '../usage/usage.recorder';
import { CallUpstreamStage } from './call-upstream.stage';
import { operationOf } from './upstream-span';
import type { UpstreamClient } from './upstream.client';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
const CLIENT_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const admitted = (): Admitted =>
  Object.assign(authorizedContext({ headers: { traceparent: CLIENT_TRACEPARENT } }), {
    price: null,
    admission: NOTHING_HELD,
  });

function upstream() {
  const sent: Parameters<UpstreamClient['send']>[] = [];
  const response = {
    statusCode: 200,
    headers: {},
    body: Readable.from([]),
  } as unknown as Dispatcher.ResponseData;
  return {
    sent,
    client: { send: (...args: (typeof sent)[number]) => (sent.push(args), Promise.resolve(response)) },
  };
}

// What the relay and settle stages leave on the context of a chat completion.
function answeredAndSettled(ctx: RequestContext): void {
  ctx.outcome = { status: 200, outcome: 'success', errorCode: null };
  ctx.endedAt = performance.now();
  ctx.report = {
    usage: null,
    text: 'Hello!',
    json: {
      id: 'chatcmpl-1',
      model: 'gpt-4o-2024-08-06',
      choices: [{ finish_reason: 'stop' }, { finish_reason: 'length' }],
    },
    streamed: false,
    responseModel: 'gpt-4o-2024-08-06',
    responseId: 'chatcmpl-1',
    finishReasons: ['stop', 'length'],
    batchUsage: null,
  };
  ctx.bill = {
    model: 'gpt-4o',
    usage: {
      promptTokens: 12,
      completionTokens: 5,
      cachedPromptTokens: 4,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 17,
      estimated: false,
    },
    costNanoUsd: 80_000,
    priceEntry: 'gpt-4o',
    heldFor: null,
    lateUsageBilled: [],
  };
}

let tracing: TestTracing | undefined;
afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
  vi.restoreAllMocks();
});

describe('the upstream call span', () => {
  it('is a GenAI client span under the request’s span, sent to the provider, and the event carries the request’s span', async () => {
    tracing = startTestTracing();
    const { client, sent } = upstream();
    const bus = new InMemoryEventBus();
    const record = new RecordStage(new UsageRecorder(bus));
    // The http instrumentation's server span, continuing the client's trace.
    const server = trace.getTracer('test').startSpan('POST', { kind: SpanKind.SERVER });
    const ctx = admitted();
    await context.with(trace.setSpan(context.active(), server), async () => {
      const called = await new CallUpstreamStage(client, config).run(ctx);
      called.upstream.finish();
      answeredAndSettled(ctx);
      record.run(ctx);
    });
    server.end();

    const call = tracing.spans().find((s) => s.kind === SpanKind.CLIENT);
    expect(call?.name).toBe('chat gpt-4o');
    expect(call?.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(call?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.stream': false,
      'server.address': 'upstream.test',
      'server.port': 80,
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.finish_reasons': ['stop', 'length'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'gen_ai.usage.cache_creation.input_tokens': 0,
      'gen_ai.usage.reasoning.output_tokens': 0,
      'tollgate.key_id': 'k1',
      'tollgate.request_id': ctx.requestId,
      'tollgate.cost_nano_usd': 80_000,
      'tollgate.usage.estimated': false,
      'tollgate.outcome': 'success',
    });
    // Prompts and completions are not recorded unless asked for.
    expect(Object.keys(call?.attributes ?? {}).filter((k) => k.includes('messages'))).toEqual([]);
    // The provider continues the call's span; the client's own traceparent is replaced, not forwarded.
    const callContext = call?.spanContext();
    expect(sent[0]?.[1].headers['traceparent']).toBe(`00-${callContext?.traceId}-${callContext?.spanId}-01`);
    // The usage event names the request's span, not the call's.
    expect(bus.published.map((p) => p.envelope?.traceparent)).toEqual([
      `00-${server.spanContext().traceId}-${server.spanContext().spanId}-01`,
    ]);
  });

  it('ends in error with the gateway’s error code when the call failed', async () => {
    tracing = startTestTracing();
    const server = trace.getTracer('test').startSpan('POST', { kind: SpanKind.SERVER });
    const ctx = admitted();
    await context.with(trace.setSpan(context.active(), server), async () => {
      (await new CallUpstreamStage(upstream().client, config).run(ctx)).upstream.finish();
      answeredAndSettled(ctx);
      ctx.outcome = { status: 429, outcome: 'upstream_error', errorCode: null };
      new RecordStage({ record: () => undefined }).run(ctx);
    });
    const call = tracing.spans().find((s) => s.kind === SpanKind.CLIENT);
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes['error.type']).toBe('429');
  });

  it('allocates no span and forwards headers untouched while tracing is off', async () => {
    const getTracer = vi.spyOn(trace, 'getTracer');
    const { client, sent } = upstream();
    const ctx = admitted();
    (await new CallUpstreamStage(client, config).run(ctx)).upstream.finish();
    answeredAndSettled(ctx);
    new RecordStage({ record: () => undefined }).run(ctx);
    expect(ctx.upstreamSpan).toBeUndefined();
    expect(getTracer).not.toHaveBeenCalled();
    // Without an SDK the client's own trace context still reaches the provider, as before.
    expect(sent[0]?.[1].headers['traceparent']).toBe(CLIENT_TRACEPARENT);
  });

  it('records the prompt and the completion only when content capture is asked for', async () => {
    tracing = startTestTracing();
    setTracingActive(true, { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' });
    const server = trace.getTracer('test').startSpan('POST', { kind: SpanKind.SERVER });
    const ctx = admitted();
    await context.with(trace.setSpan(context.active(), server), async () => {
      (await new CallUpstreamStage(upstream().client, config).run(ctx)).upstream.finish();
      answeredAndSettled(ctx);
      new RecordStage({ record: () => undefined }).run(ctx);
    });
    const call = tracing.spans().find((s) => s.kind === SpanKind.CLIENT);
    expect(call?.attributes['gen_ai.input.messages']).toBe('[{"role":"user","content":"hi"}]');
    expect(call?.attributes['gen_ai.output.messages']).toBe(
      '[{"role":"assistant","parts":[{"type":"text","content":"Hello!"}]}]',
    );
  });

  it('names the operation from the route, never from the raw path', () => {
    expect(
      [
        ['/api/providers/openai/v1/chat/completions', 'openai'],
        ['/api/providers/anthropic/v1/messages', 'anthropic'],
        ['/api/providers/openai/v1/responses', 'responses'],
        ['/api/providers/vllm/v1/completions', 'openai'],
        ['/api/providers/anthropic/v1/complete', 'anthropic_legacy'],
        ['/api/providers/azure/openai/deployments/:deployment_id/embeddings', 'openai'],
        ['/api/providers/openai/v1/images/generations', 'none'],
        ['/api/providers/openai/v1/files/:file_id/content', 'none'],
        ['/api/custom/providers/:provider/*wildcard', 'custom'],
      ].map(([template, usage]) => operationOf({ template, usage } as Parameters<typeof operationOf>[0])),
    ).toEqual([
      'chat',
      'chat',
      'chat',
      'text_completion',
      'text_completion',
      'embeddings',
      'generations',
      'content',
      'custom',
    ]);
  });
});
