import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestCompletedV1Fixtures, type RequestCompletedV1Payload } from '@tollgate/contracts';
import { MetricsRegistry } from '@tollgate/platform-metrics';
import { makeKey } from '@tollgate/testing';
import { contextOf } from '../testing/stage-context.test-support';
import { RecordStage } from './record.stage';
import { RequestMetrics, type RequestObservation } from './request.metrics';
import { UnauthenticatedEvents } from './unauthenticated-events';

const success = requestCompletedV1Fixtures.chatSuccess.payload as RequestCompletedV1Payload;
const seen: RequestObservation = {
  route: '/api/providers/openai/v1/chat/completions',
  priceKey: 'gpt-4o-mini',
  answeredIn: { firstByteMs: 40, gatewayMs: 0.8 },
};
const junk = () => `${randomBytes(9).toString('base64url')}\u0000/../${randomInt(1e9)}`;

async function series(registry: MetricsRegistry, name: string) {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  return (await metric.get()).values;
}

async function labelValues(registry: MetricsRegistry, name: string, label: string) {
  return new Set((await series(registry, name)).map((v) => String(v.labels[label])));
}

describe(RequestMetrics.name, () => {
  it('counts a request once with its labels, its tokens and spend by model and key, and its latencies', async () => {
    const registry = new MetricsRegistry('proxy-edge');
    const metrics = new RequestMetrics(registry, { maxKeySeries: 10 });
    metrics.observe(success, seen);
    metrics.observe({ ...success, status: 429, outcome: 'rejected', errorCode: 'rate_limited' }, seen);
    const text = await registry.metrics();
    const common = 'model="gpt-4o-mini",route="/api/providers/openai/v1/chat/completions"';
    expect(text).toContain(
      `tollgate_requests_total{provider="openai",${common},status="200",outcome="success",service="proxy-edge"} 1`,
    );
    expect(text).toContain(`status="429",outcome="rejected",service="proxy-edge"} 1`);
    expect(text).toContain('tollgate_limit_rejections_total{reason="rate_limited",service="proxy-edge"} 1');
    const key = success.keyId ?? '';
    expect(text).toContain(
      `tollgate_tokens_total{model="gpt-4o-mini",key="${key}",kind="prompt",service="proxy-edge"} 24`,
    );
    expect(text).toContain(
      `tollgate_spend_nano_usd_total{model="gpt-4o-mini",key="${key}",service="proxy-edge"} 12000`,
    );
    expect(text).toMatch(/tollgate_request_duration_seconds_sum\{[^}]*\} 0\.824/);
    expect(text).toMatch(/tollgate_request_first_byte_seconds_count\{[^}]*\} 2/);
    expect(text).toMatch(/tollgate_gateway_overhead_seconds_bucket\{le="0.001",[^}]*\} 2/);
  });

  it('counts the PII action the event carries, and nothing for an event without one or with an unknown one', async () => {
    const registry = new MetricsRegistry('proxy-edge');
    const metrics = new RequestMetrics(registry, { maxKeySeries: 10 });
    metrics.observe({ ...success, piiAction: 'redacted' } as RequestCompletedV1Payload, seen);
    metrics.observe({ ...success, piiAction: junk() } as RequestCompletedV1Payload, seen);
    metrics.observe(success, seen);
    expect(await series(registry, 'tollgate_pii_actions_total')).toEqual([
      expect.objectContaining({ labels: { action: 'redacted' }, value: 1 }),
    ]);
  });

  it('keeps every label bounded under hostile input: models, providers, paths, keys, statuses, codes', async () => {
    const registry = new MetricsRegistry('proxy-edge');
    const metrics = new RequestMetrics(registry, { maxKeySeries: 5, maxRouteSeries: 50 });
    for (let i = 0; i < 2000; i++) {
      const event = {
        ...success,
        provider: junk(),
        model: junk(),
        priceEntry: null,
        keyId: junk(),
        status: randomInt(-1000, 100_000),
        errorCode: junk(),
        path: `/api/providers/${junk()}`,
      } as RequestCompletedV1Payload;
      metrics.observe(event, { route: null, priceKey: null, answeredIn: null });
    }
    expect(await labelValues(registry, 'tollgate_requests_total', 'provider')).toEqual(new Set(['other']));
    expect(await labelValues(registry, 'tollgate_requests_total', 'model')).toEqual(new Set(['other']));
    expect(await labelValues(registry, 'tollgate_requests_total', 'route')).toEqual(new Set(['none']));
    expect((await labelValues(registry, 'tollgate_requests_total', 'status')).size).toBeLessThanOrEqual(6);
    // The first five keys have a series each; the 1995 after them share one.
    expect((await labelValues(registry, 'tollgate_tokens_total', 'key')).size).toBe(6);
    expect(await series(registry, 'tollgate_limit_rejections_total')).toEqual([]);
  });

  it('sees every request through the record stage, unsampled refusals with hostile paths included', async () => {
    const registry = new MetricsRegistry('proxy-edge');
    const metrics = new RequestMetrics(registry, { maxKeySeries: 5 });
    const published: string[] = [];
    const stage = new RecordStage(
      { record: (event) => published.push(event.requestId) },
      new UnauthenticatedEvents(0),
      metrics,
    );
    for (let i = 0; i < 500; i++) {
      const ctx = contextOf({ url: `/api/providers/${junk()}/v1/${junk()}` });
      ctx.provider = junk();
      ctx.outcome = { status: 401, outcome: 'rejected', errorCode: 'invalid_api_key' };
      stage.run(ctx);
    }
    const known = contextOf();
    Object.assign(known, { provider: 'openai', key: makeKey({ keyId: 'k1' }) });
    known.outcome = { status: 429, outcome: 'rejected', errorCode: 'rate_limited' };
    stage.run(known);
    expect(published).toHaveLength(1);
    const requests = await series(registry, 'tollgate_requests_total');
    expect(requests).toEqual([
      expect.objectContaining({
        labels: { provider: 'other', model: 'none', route: 'none', status: '401', outcome: 'rejected' },
        value: 500,
      }),
      expect.objectContaining({
        labels: { provider: 'openai', model: 'none', route: 'none', status: '429', outcome: 'rejected' },
        value: 1,
      }),
    ]);
  });
});
