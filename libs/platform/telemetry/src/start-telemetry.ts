// Imported first by every main.ts: instrumentations must patch modules before the app requires them.
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { setTracingActive } from './tracing-switch';

let sdk: NodeSDK | undefined;

// The SDK runs when traces are exported (an OTLP endpoint is configured), or when OTEL_SDK_DISABLED=false asks
// for it anyway (spans and context propagation without export). Otherwise it stays off: spans no one records
// cost the proxy about a fifth of its CPU per request (profiled, docs/adr/0007), and the usage events still
// carry the client's own traceparent.
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk || env['OTEL_SDK_DISABLED'] === 'true') return;
  const exporting = Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  if (!exporting && env['OTEL_SDK_DISABLED'] !== 'false') return;
  env['OTEL_SERVICE_NAME'] ??= serviceName;
  env['OTEL_TRACES_EXPORTER'] ??= exporting ? 'otlp' : 'none';
  env['OTEL_METRICS_EXPORTER'] ??= 'none';
  env['OTEL_LOGS_EXPORTER'] ??= 'none';
  // Never probe cloud metadata addresses.
  env['OTEL_NODE_RESOURCE_DETECTORS'] ??= 'env,host,os,process';
  // Loaded only when tracing runs: otherwise the SDK and its instrumentations cost memory and start-up time.
  const { createTracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = createTracingSdk();
  sdk.start();
  setTracingActive(true, env);
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
  setTracingActive(false);
}
