import type { Attributes, Span } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { requestCompletedV1Fixtures } from '@tollgate/contracts';
import type { RequestContext } from '../request/request-context';
import { endUpstreamSpan } from './upstream-span-end';

// A span that keeps what is set on it.
function recordingSpan() {
  const attributes: Attributes = {};
  const span = {
    setAttributes: (a: Attributes) => (Object.assign(attributes, a), span),
    setAttribute: (k: string, v: unknown) => ((attributes[k] = v as never), span),
    setStatus: () => span,
    end: () => undefined,
  } as unknown as Span;
  return { span, attributes };
}

const ctx = { endedAt: 1 } as unknown as RequestContext;

describe(endUpstreamSpan.name, () => {
  it('names the PII action, the route step and the cache verdict where they apply', () => {
    const { span, attributes } = recordingSpan();
    endUpstreamSpan(span, ctx, {
      ...requestCompletedV1Fixtures.chatSuccess.payload,
      policyId: 'pol-1',
      piiAction: 'redacted',
      routeId: 'route-1',
      routeStep: 1,
      cache: 'miss',
    });
    expect(attributes).toMatchObject({
      'tollgate.pii.policy_id': 'pol-1',
      'tollgate.pii.action': 'redacted',
      'tollgate.route.id': 'route-1',
      'tollgate.route.step': 1,
      'tollgate.cache': 'miss',
    });
  });

  it('leaves them out of a request under no policy and no route', () => {
    const { span, attributes } = recordingSpan();
    endUpstreamSpan(span, ctx, requestCompletedV1Fixtures.chatSuccess.payload);
    expect(Object.keys(attributes).filter((k) => /^tollgate\.(pii|route|cache)/.test(k))).toEqual([]);
  });
});
