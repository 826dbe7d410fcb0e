import type { AddressInfo } from 'node:net';
import { Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsServer } from './metrics.http';
import { MetricsRegistry } from './metrics.registry';

describe(startMetricsServer.name, () => {
  const registry = new MetricsRegistry('unit');
  let url = '';
  let close: () => Promise<void>;

  beforeAll(async () => {
    new Counter({ name: 'unit_things_total', help: 'things', registers: [registry] }).inc(3);
    const server = await startMetricsServer(registry, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('serves the registry in Prometheus text format, process metrics included, labelled with the service', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('unit_things_total{service="unit"} 3');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="unit"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="unit"\} /m);
  });

  it('answers nothing else', async () => {
    expect((await fetch(`${url}/api/providers/openai/v1/models`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
