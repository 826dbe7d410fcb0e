import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConsumerGroups, Topics } from '@tollgate/contracts';
import { expectEventually, FakeOpenAiUpstream, sleep } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';
import { scrape, sumOf, type Sample } from './support/prometheus-text';
import { SERVICES, type ServiceName } from './support/service-process';

const ROOT = resolve(import.meta.dirname, '../..');
const DASHBOARD = join(ROOT, 'deploy/grafana/dashboards/service-health/tollgate-service-health.json');
const run = promisify(execFile);

// Prometheus's own PromQL parser (scripts/promql-check) on a dashboard, against the services' metric names.
async function promqlCheck(dashboard: string, exposition: string) {
  const { stdout } = await run('bash', [join(ROOT, 'scripts/promql-check/install.sh')], { timeout: 600_000 });
  const dir = await mkdtemp(join(tmpdir(), 'tollgate-promql-'));
  const metrics = join(dir, 'metrics.txt');
  await writeFile(metrics, exposition);
  return run(stdout.trim(), ['--metrics', metrics, dashboard]).then(
    (r) => ({ code: 0, output: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, output: e.stdout }),
  );
}

// GET /metrics of the five running services: the counters move by exactly the requests this test makes.
describe('metrics end to end', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  const ALLOWED = 3;
  const REFUSED = 2;
  const route = '/api/providers/openai/v1/chat/completions';
  const topic = Topics.requestCompleted.name;
  let keyId = '';
  let client: OpenAI;

  const scrapeAll = async () =>
    Object.fromEntries(
      await Promise.all(SERVICES.map(async (name) => [name, await scrape(gateway.metricsUrls[name])])),
    ) as Record<ServiceName, Sample[]>;
  // Messages the two consumers of usage events have handled, and rows the ingester has inserted.
  const consumed = (all: Record<ServiceName, Sample[]>) => ({
    settled: sumOf(all['auth-limit'], 'tollgate_consumer_messages_total', {
      group: ConsumerGroups.authLimitSettlement,
      topic,
    }),
    ingested: sumOf(all['analytics-ingester'], 'tollgate_consumer_messages_total', {
      group: ConsumerGroups.analyticsIngester,
      topic,
    }),
    rows: sumOf(all['analytics-ingester'], 'tollgate_clickhouse_inserted_rows_total'),
  });

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-x', url: upstream.baseUrl },
    });
    const secret = `tg-metrics-${randomUUID()}`;
    keyId = (
      await admin.createKey({
        name: 'metrics',
        key: secret,
        settingIds: [setting.id],
        rateLimits: [{ limit: ALLOWED, unit: 'd' }],
      })
    ).keyId;
    await msUntil(gateway.proxyUrl, secret, 'accepted');
    client = new OpenAI({
      apiKey: secret,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
  });
  afterAll(() => upstream.stop());

  it('serves Prometheus text with process metrics on every service, off the proxy port and without a key', async () => {
    const all = await scrapeAll();
    for (const name of SERVICES) {
      expect(sumOf(all[name], 'process_cpu_user_seconds_total', { service: name })).toBeGreaterThan(0);
      expect(all[name].some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    }
    expect(all['proxy-edge'].find((s) => s.name === 'tollgate_usage_spool_bytes')?.value).toBe(0);
    // The proxy's public port does not serve it.
    expect((await fetch(`${gateway.proxyUrl}/metrics`)).status).toBe(404);
  });

  it('moves the request, token, spend, limit, consumer and ClickHouse counters by exactly the requests made', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    // The key probe's events (and any earlier test's) are consumed before the baseline is taken.
    let before = await scrapeAll();
    await expectEventually(
      async () => {
        await sleep(2500);
        const now = await scrapeAll();
        const settledBefore = consumed(before);
        before = now;
        expect(consumed(now)).toEqual(settledBefore);
      },
      { timeoutMs: 30_000, intervalMs: 0, what: 'usage consumers idle' },
    );

    const outcomes: number[] = [];
    for (let i = 0; i < ALLOWED + REFUSED; i++) {
      try {
        await client.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'Hi' }],
        });
        outcomes.push(200);
      } catch (error) {
        expect(error).toBeInstanceOf(OpenAI.RateLimitError);
        outcomes.push(429);
      }
    }
    expect(outcomes).toEqual([200, 200, 200, 429, 429]);

    const after = await scrapeAll();
    const proxyDelta = (name: string, where: Record<string, string> = {}) =>
      sumOf(after['proxy-edge'], name, where) - sumOf(before['proxy-edge'], name, where);
    const labels = { provider: 'openai', model: 'gpt-4o', route };
    expect(proxyDelta('tollgate_requests_total', { ...labels, status: '200', outcome: 'success' })).toBe(
      ALLOWED,
    );
    expect(proxyDelta('tollgate_requests_total', { ...labels, status: '429', outcome: 'rejected' })).toBe(
      REFUSED,
    );
    expect(proxyDelta('tollgate_requests_total')).toBe(ALLOWED + REFUSED);
    expect(proxyDelta('tollgate_limit_rejections_total', { reason: 'rate_limited' })).toBe(REFUSED);
    expect(proxyDelta('tollgate_limit_rejections_total')).toBe(REFUSED);
    for (const histogram of [
      'tollgate_request_duration_seconds_count',
      'tollgate_request_first_byte_seconds_count',
      'tollgate_gateway_overhead_seconds_count',
    ])
      expect(proxyDelta(histogram, { provider: 'openai', route })).toBe(ALLOWED + REFUSED);
    // Billed by model and key: the refused requests used nothing. gpt-4o: 14 × 2.5 + 9 × 10 = 125 micro-dollars.
    const byKey = { model: 'gpt-4o', key: keyId };
    expect(proxyDelta('tollgate_tokens_total', { ...byKey, kind: 'prompt' })).toBe(14 * ALLOWED);
    expect(proxyDelta('tollgate_tokens_total', { ...byKey, kind: 'completion' })).toBe(9 * ALLOWED);
    expect(proxyDelta('tollgate_spend_nano_usd_total', byKey)).toBe(125_000 * ALLOWED);

    // Every request's one event reaches both consumers and one ClickHouse row each.
    const start = consumed(before);
    await expectEventually(
      async () => {
        const now = consumed(await scrapeAll());
        expect({
          settled: now.settled - start.settled,
          ingested: now.ingested - start.ingested,
          rows: now.rows - start.rows,
        }).toEqual({ settled: ALLOWED + REFUSED, ingested: ALLOWED + REFUSED, rows: ALLOWED + REFUSED });
        // Caught up: every partition's last batch left nothing behind it.
        const ingester = await scrape(gateway.metricsUrls['analytics-ingester']);
        expect(sumOf(ingester, 'tollgate_consumer_lag', { group: ConsumerGroups.analyticsIngester })).toBe(0);
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'usage events consumed' },
    );
    const ingester = await scrape(gateway.metricsUrls['analytics-ingester']);
    expect(sumOf(ingester, 'tollgate_clickhouse_inserts_total', { result: 'ok' })).toBeGreaterThan(0);
    expect(sumOf(ingester, 'tollgate_dead_letters_total')).toBe(
      sumOf(before['analytics-ingester'], 'tollgate_dead_letters_total'),
    );
  });

  it('has a service-health dashboard whose every query parses as PromQL and selects metrics the services export', async () => {
    const exposition = (
      await Promise.all(SERVICES.map(async (name) => (await fetch(gateway.metricsUrls[name])).text()))
    ).join('\n');
    const checked = await promqlCheck(DASHBOARD, exposition);
    expect(checked.output).toMatch(/promql-check: \d+ queries checked, 0 problems/);
    expect(checked.code).toBe(0);
    // The checker fails a query that does not parse and one that selects a metric nobody exports.
    const broken = join(await mkdtemp(join(tmpdir(), 'tollgate-dashboard-')), 'broken.json');
    await writeFile(
      broken,
      JSON.stringify({
        panels: [
          { title: 'a', targets: [{ refId: 'A', expr: 'sum(rate(tollgate_requests_total[5m])' }] },
          { title: 'b', targets: [{ refId: 'A', expr: 'rate(tollgate_no_such_metric_total[5m])' }] },
        ],
      }),
    );
    const failed = await promqlCheck(broken, exposition);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('parse error');
    expect(failed.output).toContain('"tollgate_no_such_metric_total", which no service exports');
  });
});
