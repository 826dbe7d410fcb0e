import { context, propagation, trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { setTracingActive } from '@tollgate/platform-telemetry';

export interface TestTracing {
  spans(): tracing.ReadableSpan[];
  reset(): void;
  stop(): Promise<void>;
}

// A real tracer provider for a test process (AsyncLocalStorage context, W3C propagation), its spans kept in
// memory, and the gateway's tracing switch on, as startTelemetry would leave them.
export function startTestTracing(): TestTracing {
  const exporter = new tracing.InMemorySpanExporter();
  const provider = new node.NodeTracerProvider({
    spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
  });
  provider.register();
  setTracingActive(true);
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    stop: async () => {
      setTracingActive(false);
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
