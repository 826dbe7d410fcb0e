import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestTracing, type TestTracing } from '@tollgate/testing';
import { inBatchSpan, inEventSpan, inEventSpans } from './envelope-spans';

const FROM = { topic: 'gateway.request.completed.v1', groupId: 'auth-limit.settlement', partition: 3 };
const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const eventOf = (eventId: string, traceId: string, spanId: string) => ({
  eventId,
  traceparent: `00-${traceId}-${spanId}-01`,
});
const a = eventOf('e-a', TRACE_A, '00f067aa0ba902b7');
const b = eventOf('e-b', TRACE_B, 'b7ad6b7169203331');

let tracing: TestTracing | undefined;
afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
  vi.restoreAllMocks();
});

describe('envelope spans', () => {
  it('gives each event of a batch a span whose parent is its own request’s span, linked to the batch', async () => {
    tracing = startTestTracing();
    await inBatchSpan(FROM, [a, b], () =>
      Promise.all([a, b].map((event) => inEventSpan('settle usage event', FROM, event, async () => 1))),
    );
    const spans = tracing.spans();
    const batch = spans.find((s) => s.name === `process ${FROM.topic}`);
    const settled = spans.filter((s) => s.name === 'settle usage event');
    expect(batch?.kind).toBe(SpanKind.CONSUMER);
    expect(batch?.links.map((l) => l.context.traceId)).toEqual([TRACE_A, TRACE_B]);
    expect(batch?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.batch.message_count': 2,
      'messaging.consumer.group.name': FROM.groupId,
    });
    expect(
      settled.map((s) => [
        s.spanContext().traceId,
        s.parentSpanContext?.spanId,
        s.attributes['messaging.message.id'],
      ]),
    ).toEqual([
      [TRACE_A, '00f067aa0ba902b7', 'e-a'],
      [TRACE_B, 'b7ad6b7169203331', 'e-b'],
    ]);
    for (const span of settled) expect(span.links[0]?.context.spanId).toBe(batch?.spanContext().spanId);
  });

  it('runs the work inside the event’s span, so what it calls joins the request’s trace', async () => {
    tracing = startTestTracing();
    const seen = await inEventSpan('settle usage event', FROM, a, async () =>
      trace.getActiveSpan()?.spanContext(),
    );
    expect(seen?.traceId).toBe(TRACE_A);
    expect(seen?.spanId).toBe(tracing.spans()[0]?.spanContext().spanId);
  });

  it('covers shared work with a span per event, marking the ones it refused and all of them when it throws', async () => {
    tracing = startTestTracing();
    await inEventSpans(
      'ingest usage event',
      FROM,
      [a, b],
      async () => ['e-b'],
      (refused) => new Map(refused.map((id) => [id, 'bad row'])),
    );
    expect(tracing.spans().map((s) => [s.spanContext().traceId, s.status.code])).toEqual([
      [TRACE_A, SpanStatusCode.UNSET],
      [TRACE_B, SpanStatusCode.ERROR],
    ]);
    tracing.reset();
    await expect(
      inEventSpans('ingest usage event', FROM, [a, b], () => Promise.reject(new Error('clickhouse down'))),
    ).rejects.toThrow('clickhouse down');
    expect(tracing.spans().map((s) => s.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR]);
  });

  it('starts no span and asks for no tracer while tracing is off', async () => {
    const getTracer = vi.spyOn(trace, 'getTracer');
    const result = await inBatchSpan(FROM, [a], () =>
      inEventSpans('x', FROM, [a], () => inEventSpan('y', FROM, a, async () => 7)),
    );
    expect(result).toBe(7);
    expect(getTracer).not.toHaveBeenCalled();
  });

  it('makes an event without a traceparent a root span of its own', async () => {
    tracing = startTestTracing();
    await inEventSpan(
      'settle usage event',
      FROM,
      { eventId: 'e-c', traceparent: null },
      async () => undefined,
    );
    expect(tracing.spans()[0]?.parentSpanContext).toBeUndefined();
  });
});
