import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { contextOfTraceparent, gatewayTracer, tracingActive } from '@tollgate/platform-telemetry';

// Consumer spans that keep the request's trace across Kafka. Events arrive in batches mixing many requests,
// so the batch gets a span of its own, linked to every request it carries, and each event's work gets a span
// whose parent is the request's span named in its envelope (never a producer's or the batch's). With tracing
// off these only run the work: no span is created.

export interface TracedEnvelope {
  eventId: string;
  traceparent: string | null;
}

export interface ConsumedFrom {
  topic: string;
  groupId: string;
  partition?: number;
}

function messagingAttributes(from: ConsumedFrom): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': from.topic,
    'messaging.consumer.group.name': from.groupId,
    ...(from.partition === undefined ? {} : { 'messaging.destination.partition.id': String(from.partition) }),
  };
}

// The batch's span, linked to each event's request span; the work runs inside it.
export async function inBatchSpan<T>(
  from: ConsumedFrom,
  events: readonly TracedEnvelope[],
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return work();
  const links: Link[] = [];
  for (const event of events) {
    const linked = trace.getSpanContext(contextOfTraceparent(event.traceparent));
    if (linked) links.push({ context: linked, attributes: { 'messaging.message.id': event.eventId } });
  }
  const span = gatewayTracer().startSpan(
    `process ${from.topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: { ...messagingAttributes(from), 'messaging.batch.message_count': events.length },
    },
    context.active(),
  );
  return runIn(span, work, context.active());
}

// One event's work, as a child of its request's span (linked to the batch span it ran in).
export async function inEventSpan<T>(
  name: string,
  from: ConsumedFrom,
  event: TracedEnvelope,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return work();
  const span = startEventSpan(name, from, event);
  return runIn(span, work, contextOfTraceparent(event.traceparent));
}

// Work done for several events at once (one ClickHouse insert): a span per event, each a child of its own
// request's span, all covering the shared work. `failedOf` names the events the work refused, by eventId.
export async function inEventSpans<T>(
  name: string,
  from: ConsumedFrom,
  events: readonly TracedEnvelope[],
  work: () => Promise<T>,
  failedOf: (result: T) => ReadonlyMap<string, string> = () => new Map(),
): Promise<T> {
  if (!tracingActive()) return work();
  const spans = events.map((event) => [event.eventId, startEventSpan(name, from, event)] as const);
  try {
    const result = await work();
    const failed = failedOf(result);
    for (const [eventId, span] of spans) {
      const reason = failed.get(eventId);
      if (reason !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
    }
    return result;
  } catch (error) {
    for (const [, span] of spans) failSpan(span, error);
    throw error;
  } finally {
    for (const [, span] of spans) span.end();
  }
}

function startEventSpan(name: string, from: ConsumedFrom, event: TracedEnvelope): Span {
  const batch = trace.getActiveSpan()?.spanContext();
  return gatewayTracer().startSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes: { ...messagingAttributes(from), 'messaging.message.id': event.eventId },
      ...(batch ? { links: [{ context: batch }] } : {}),
    },
    contextOfTraceparent(event.traceparent),
  );
}

async function runIn<T>(
  span: Span,
  work: () => Promise<T>,
  parent: ReturnType<typeof context.active>,
): Promise<T> {
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
}
