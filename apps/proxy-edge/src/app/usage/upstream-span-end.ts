import { SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import type { RequestCompletedV1Payload } from '@tollgate/contracts';
import { genAiContentCaptured } from '@tollgate/platform-telemetry';
import type { RequestContext, UsageReport } from '../request/request-context';

// Longest prompt or completion put on a span when content capture is on (attribute values are held in memory
// until exported).
const MAX_CONTENT_CHARS = 16 * 1024;

// Ends the provider call's GenAI span with what the response and the bill said (wire-formats.md §10.1),
// taken from the request's usage event so the span and the event never disagree.
export function endUpstreamSpan(span: Span, ctx: RequestContext, event: RequestCompletedV1Payload): void {
  span.setAttributes({ ...responseAttributes(event, ctx.report), ...gatewayAttributes(event) });
  if (genAiContentCaptured()) span.setAttributes(contentAttributes(ctx));
  if (event.status >= 400 || event.outcome !== 'success') {
    span.setAttribute('error.type', event.errorCode ?? String(event.status));
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.errorCode ?? `status ${event.status}` });
  }
  // Ends when the response did (settling and recording are the gateway's, not the call's).
  span.end(ctx.endedAt);
}

function responseAttributes(event: RequestCompletedV1Payload, report: UsageReport | undefined): Attributes {
  const { usage } = event;
  const finishReasons = report?.finishReasons ?? [];
  return {
    'http.response.status_code': event.status,
    ...(report?.responseModel || event.model
      ? { 'gen_ai.response.model': report?.responseModel || event.model }
      : {}),
    ...(report?.responseId ? { 'gen_ai.response.id': report.responseId } : {}),
    ...(finishReasons.length > 0 ? { 'gen_ai.response.finish_reasons': finishReasons } : {}),
    // Input includes cached tokens (as the conventions ask); the cache and reasoning parts are subsets.
    'gen_ai.usage.input_tokens': usage.promptTokens,
    'gen_ai.usage.output_tokens': usage.completionTokens,
    'gen_ai.usage.cache_read.input_tokens': usage.cachedPromptTokens,
    'gen_ai.usage.cache_creation.input_tokens': usage.cacheWriteTokens,
    'gen_ai.usage.reasoning.output_tokens': usage.reasoningTokens,
  };
}

function gatewayAttributes(event: RequestCompletedV1Payload): Attributes {
  return {
    'tollgate.request_id': event.requestId,
    ...(event.keyId ? { 'tollgate.key_id': event.keyId } : {}),
    ...(event.costNanoUsd === null ? {} : { 'tollgate.cost_nano_usd': event.costNanoUsd }),
    'tollgate.usage.estimated': event.usage.estimated,
    'tollgate.outcome': event.outcome,
    // Set only where they apply: a key's PII policy, a route's step and its cache.
    ...(event.policyId ? { 'tollgate.pii.policy_id': event.policyId } : {}),
    ...(event.piiAction ? { 'tollgate.pii.action': event.piiAction } : {}),
    ...(event.routeId ? { 'tollgate.route.id': event.routeId } : {}),
    ...(event.routeStep === null ? {} : { 'tollgate.route.step': event.routeStep }),
    ...(event.cache ? { 'tollgate.cache': event.cache } : {}),
  };
}

// Opt-in only (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true): the prompt's messages as sent and
// the completion's text, cut to a bounded length.
function contentAttributes(ctx: RequestContext): Attributes {
  const json = ctx.request?.json;
  const input = json ? (json['messages'] ?? json['input'] ?? json['prompt']) : undefined;
  const output = ctx.report?.text;
  return {
    ...(input === undefined ? {} : { 'gen_ai.input.messages': cut(JSON.stringify(input)) }),
    ...(output
      ? {
          'gen_ai.output.messages': cut(
            JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: output }] }]),
          ),
        }
      : {}),
  };
}

function cut(text: string): string {
  return text.length > MAX_CONTENT_CHARS ? text.slice(0, MAX_CONTENT_CHARS) : text;
}
