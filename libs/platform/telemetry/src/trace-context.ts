import { propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';

// The gateway's own spans (the upstream call, event settlement and ingestion) come from one named tracer.
export function gatewayTracer(): Tracer {
  return trace.getTracer('tollgate');
}

// The context a W3C traceparent names (an event envelope's), or the root context for none or a malformed one:
// work started in it continues the trace of the request that caused the event.
export function contextOfTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
