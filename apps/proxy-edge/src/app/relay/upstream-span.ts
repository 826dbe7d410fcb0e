import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import { gatewayTracer } from '@tollgate/platform-telemetry';
import type { Admitted } from '../request/request-context';
import type { ProxyRoute } from '../request/route-match';

// The provider call as an OpenTelemetry GenAI inference span (wire-formats.md §10.1): started here with what
// is known before the call (sampling decisions may read it), its traceparent sent to the provider, and ended
// by the record stage with what the response said. Only when the request itself is traced: with tracing off
// there is no active span, and nothing is allocated.
export function startUpstreamSpan(
  ctx: Admitted,
  url: string,
  headers: Record<string, string>,
): Span | undefined {
  const parent = trace.getActiveSpan();
  if (!parent) return undefined;
  const active = context.active();
  if (!parent.isRecording()) {
    // Not sampled: the provider still continues the trace (as not sampled), and no span is made.
    propagation.inject(active, headers);
    return undefined;
  }
  const operation = operationOf(ctx.route.route);
  const model = ctx.request.model;
  const target = new URL(url);
  const span = gatewayTracer().startSpan(
    model ? `${operation} ${model}` : operation,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': operation,
        'gen_ai.provider.name': providerNameOf(ctx.provider),
        ...(model ? { 'gen_ai.request.model': model } : {}),
        'gen_ai.request.stream': ctx.request.stream,
        'server.address': target.hostname,
        'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
        'http.request.method': ctx.route.route.method,
        'tollgate.key_id': ctx.key.keyId,
      },
    },
    active,
  );
  propagation.inject(trace.setSpan(active, span), headers);
  return span;
}

// GenAI provider names (semantic conventions), for the gateway's provider path names; others as named.
const PROVIDER_NAMES: Record<string, string> = { azure: 'azure.ai.openai' };

export function providerNameOf(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

// The GenAI operation of a route, from its template (never from the raw path: bounded values only).
export function operationOf(route: Pick<ProxyRoute, 'template' | 'usage'>): string {
  // A custom provider's path is the operator's own: what it does is not known.
  if (route.usage === 'custom') return 'custom';
  const path = route.template;
  if (/\/(chat\/completions|messages|responses)$/.test(path)) return 'chat';
  if (/\/(completions|complete)$/.test(path)) return 'text_completion';
  if (/\/embeddings$/.test(path)) return 'embeddings';
  // Other endpoints (images, audio, files, ...): the template's last fixed segment.
  const fixed = path
    .split('/')
    .filter((segment) => segment && !segment.startsWith(':') && !segment.startsWith('*'));
  return fixed[fixed.length - 1] ?? 'other';
}
