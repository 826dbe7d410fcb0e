// Whether this process traces. Code that would create spans asks this first, so that with tracing off it
// allocates nothing at all (the API's no-op tracer still allocates a NonRecordingSpan per startSpan).
let active = false;
let captureContent = false;

export function tracingActive(): boolean {
  return active;
}

// Prompts and completions go on spans only when asked for (they are the users' data).
export function genAiContentCaptured(): boolean {
  return active && captureContent;
}

// Set by startTelemetry, and by tests that register a tracer provider of their own.
export function setTracingActive(on: boolean, env: NodeJS.ProcessEnv = process.env): void {
  active = on;
  captureContent = [
    env['OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT'],
    env['OTEL_GENAI_CAPTURE_CONTENT'],
  ].some((value) => value?.toLowerCase() === 'true');
}
