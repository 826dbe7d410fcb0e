import { describe, expect, it } from 'vitest';
import { startTelemetry } from './start-telemetry';
import { genAiContentCaptured, setTracingActive, tracingActive } from './tracing-switch';

describe(startTelemetry.name, () => {
  it('stays off without an endpoint, and with OTEL_SDK_DISABLED=true even with one', () => {
    for (const env of [
      {},
      { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' },
    ]) {
      startTelemetry('test', { ...env });
      expect(tracingActive()).toBe(false);
    }
  });
});

describe('the tracing switch', () => {
  it('captures GenAI content only when tracing and asked for', () => {
    setTracingActive(true, {});
    expect(genAiContentCaptured()).toBe(false);
    setTracingActive(true, { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' });
    expect(genAiContentCaptured()).toBe(true);
    setTracingActive(true, { OTEL_GENAI_CAPTURE_CONTENT: 'TRUE' });
    expect(genAiContentCaptured()).toBe(true);
    setTracingActive(false, { OTEL_GENAI_CAPTURE_CONTENT: 'true' });
    expect(genAiContentCaptured()).toBe(false);
  });
});
