import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConsumerGroups, Topics } from '@tollgate/contracts';
import { estimatePromptTokens, PriceCatalog, reservationNanoUsd, tokenCounter } from '@tollgate/pricing';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { withRegistry } from './support/applied-registry';
import { committedOffsets, endOffsets, groupAssignment } from './support/consumer-groups';
import { requestEventTotals } from './support/clickhouse-rows';
import { probeKey } from './support/key-probe';
import { ServiceProcess } from './support/service-process';

const TOPIC = Topics.requestCompleted.name;
const MESSAGES = [{ role: 'user' as const, content: 'Hi' }];

// Scale-out on one machine (issue 18): beside the global setup's services, a second proxy-edge, auth-limit and
// analytics-ingester (ports 18012, 18013, 18015), all sharing PostgreSQL, Redis, Kafka and ClickHouse with one
// config-admin. Limits hold across both proxies, config changes reach both at once, and the consumer groups
// split the partitions with every event counted once.
describe('two instances of each service', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  const extra = [
    second('proxy-edge', 'PROXY_EDGE_PORT', 18012),
    second('auth-limit', 'AUTH_LIMIT_PORT', 18013),
    second('analytics-ingester', 'ANALYTICS_INGESTER_PORT', 18015),
  ];
  const proxies = [gateway.proxyUrl, extra[0]?.url ?? ''];
  let settingId = '';

  function second(name: ServiceProcess['name'], portVariable: string, port: number) {
    return new ServiceProcess(name, port, {
      ...gateway.serviceEnv,
      [portVariable]: String(port),
      KAFKA_CLIENT_ID: `${name}-2`,
    });
  }

  beforeAll(async () => {
    await upstream.start();
    extra.forEach((service) => service.start());
    await Promise.all(extra.map((service) => service.waitReady()));
    settingId = (
      await admin.createProviderSetting({
        provider: 'openai',
        setting: { apikey: 'sk-x', url: upstream.baseUrl },
      })
    ).id;
    // Both consumer groups have rebalanced onto two members, and both read models of each app report in.
    await expectEventually(
      async () => {
        // The group names are fixed: a consumer outside this run on the shared Kafka (a benchmark, a stray
        // service) would join them too, and is named here.
        for (const group of [ConsumerGroups.analyticsIngester, ConsumerGroups.authLimitSettlement]) {
          const members = await groupAssignment(group, TOPIC);
          const holding = members.filter((m) => m.partitions.length > 0);
          expect(
            holding.map((m) => `${m.clientId}@${m.clientHost}`),
            group,
          ).toHaveLength(2);
        }
        const live = await withRegistry(gateway.databaseUrl, (registry) => registry.live());
        expect(live.map((s) => s.instanceId.split('.')[0]).sort()).toEqual([
          'auth-limit',
          'auth-limit',
          'proxy-edge',
          'proxy-edge',
        ]);
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'two members in each consumer group' },
    );
  });

  afterAll(async () => {
    const codes = await Promise.all(extra.map((service) => service.stop()));
    await upstream.stop();
    expect(codes).toEqual([0, 0, 0]);
  });

  const clientOf = (key: string, proxyUrl: string) =>
    new OpenAI({ apiKey: key, baseURL: `${proxyUrl}/api/providers/openai/v1`, maxRetries: 0 });
  // Creates a key through the admin API, which answers once every live read model has it (ADR 0015).
  const newKey = async (fields: Record<string, unknown>) => {
    const secret = `tg-scale-${randomUUID()}`;
    const res = await admin.raw(
      'PUT',
      '/api/key-management/keys',
      JSON.stringify({ name: 'scale-out', key: secret, settingIds: [settingId], ...fields }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-config-propagation')).toBe('applied');
    const { keyId } = (await res.json()) as { keyId: string };
    return { secret, keyId, clients: proxies.map((url) => clientOf(secret, url)) };
  };
  const ask = (client: OpenAI) =>
    client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, max_tokens: 9 });
  // `count` requests at once, alternating between the two proxies.
  const burst = (clients: OpenAI[], count: number) =>
    Promise.allSettled(Array.from({ length: count }, (_, i) => ask(clients[i % clients.length] as OpenAI)));

  describe('limits are exact across both proxies', () => {
    it('admits exactly 10 of 50 concurrent requests, 25 on each proxy, under a rate limit of 10', async () => {
      upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
      const { clients } = await newKey({ rateLimits: [{ limit: 10, unit: 'd' }] });
      const results = await burst(clients, 50);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OpenAI.RateLimitError);
    });

    it('admits exactly 10 of 50 concurrent requests under a spend limit of ten and a half reservations', async () => {
      const prompt = estimatePromptTokens(await tokenCounter('gpt-4o'), { messages: MESSAGES });
      const price = PriceCatalog.seed().resolve('openai', 'gpt-4o');
      if (!price) throw new Error('gpt-4o must be in the catalog');
      // The provider reports what was reserved, so settling during the burst changes no total.
      upstream.willReply({ content: 'hello', promptTokens: prompt, completionTokens: 9 });
      const reservedNano = reservationNanoUsd(prompt, 9, price);
      const { clients } = await newKey({ costLimitInUsd: (reservedNano * 10.5) / 1e9 });
      const results = await burst(clients, 50);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OpenAI.RateLimitError);
    });
  });

  it('shows a key created, revoked and a limit changed on both proxies within a second of the admin call', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    const timings: Record<'created' | 'revoked' | 'limit raised', number[]> = {
      created: [],
      revoked: [],
      'limit raised': [],
    };
    for (let round = 0; round < 5; round++) {
      const secret = `tg-scale-${randomUUID()}`;
      let started = performance.now();
      const created = await changeConfig('PUT', '/api/key-management/keys', {
        name: 'propagation',
        key: secret,
        settingIds: [settingId],
        rateLimits: [{ limit: 1, unit: 'd' }],
      });
      timings.created.push(
        await untilBoth(started, () => everywhere((url) => probeKey(url, secret)), 'accepted'),
      );
      const path = `/api/key-management/keys/${String(created['keyId'])}`;

      // The one request the limit allows; then the limit is raised to 3 and each proxy admits one more.
      const clients = proxies.map((url) => clientOf(secret, url));
      await ask(clients[0] as OpenAI);
      await expect(ask(clients[1] as OpenAI)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
      started = performance.now();
      await changeConfig('PATCH', path, { rateLimits: [{ limit: 3, unit: 'd' }] });
      const admitted = await Promise.allSettled(clients.map(ask));
      timings['limit raised'].push(performance.now() - started);
      expect(admitted.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

      started = performance.now();
      await changeConfig('PATCH', path, { revoked: true });
      timings.revoked.push(
        await untilBoth(started, () => everywhere((url) => probeKey(url, secret)), 'rejected'),
      );
    }
    for (const [change, ms] of Object.entries(timings)) {
      console.log(
        `two proxies, key ${change}: ${ms.map((t) => t.toFixed(0)).join(', ')} ms (admin call + first request on both)`,
      );
      for (const t of ms) expect(t, change).toBeLessThan(1_000);
    }
  });

  it('splits the partitions within each consumer group and counts every event once: rows, request ids and settled spend', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    // Usage events are keyed by key id: 30 keys reach every partition of the topic.
    const keys = await Promise.all(Array.from({ length: 30 }, () => newKey({ costLimitInUsd: 1 })));
    const before = await endOffsets(TOPIC);
    const perKey = 10;
    // In waves of 60 concurrent requests: one per key on each proxy.
    for (let wave = 0; wave < perKey / 2; wave++) {
      const results = await Promise.allSettled(keys.flatMap(({ clients }) => clients.map(ask)));
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(refused).toEqual([]);
    }
    const total = keys.length * perKey;
    const keyIds = keys.map((k) => k.keyId);
    const sent = performance.now();
    // Usage events leave after each response, in batches: wait until ClickHouse has them all, then until both
    // groups have committed up to the end of every partition.
    await expectEventually(
      async () =>
        expect((await requestEventTotals(gateway.clickhouseDatabase, keyIds)).rows).toBeGreaterThanOrEqual(
          total,
        ),
      { timeoutMs: 30_000, intervalMs: 250, what: 'every event in ClickHouse' },
    );
    const groups = [ConsumerGroups.analyticsIngester, ConsumerGroups.authLimitSettlement];
    await expectEventually(
      async () => {
        const ends = await endOffsets(TOPIC);
        for (const group of groups) expect(await committedOffsets(group, TOPIC)).toEqual(ends);
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'both groups at the end of the topic' },
    );
    const drainedMs = performance.now() - sent;
    const after = await endOffsets(TOPIC);
    const written = [...after]
      .filter(([partition, end]) => end > (before.get(partition) ?? 0n))
      .map(([p]) => p);
    expect(written.sort()).toEqual([0, 1, 2]);
    for (const group of groups) {
      const members = await groupAssignment(group, TOPIC);
      console.log(`${group}: ${members.map((m) => `${m.clientId} [${m.partitions.join(',')}]`).join(', ')}`);
      expect(members).toHaveLength(2);
      expect(members.every((m) => m.partitions.length > 0)).toBe(true);
      expect(members.flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2]);
    }

    // gpt-4o: 14 × 2.5 + 9 × 10 = 125 micro-dollars a request.
    const rows = await requestEventTotals(gateway.clickhouseDatabase, keyIds);
    expect(rows).toEqual({ rows: total, requestIds: total, eventIds: total, costNanoUsd: total * 125_000 });
    const settled = await Promise.all(keyIds.map((id) => settledNano(id, perKey * 125_000)));
    expect(settled.reduce((a, b) => a + b, 0)).toBe(rows.costNanoUsd);
    console.log(
      `${total} requests through two proxies: ${rows.rows} ClickHouse rows, ${rows.requestIds} request ids, ` +
        `${rows.costNanoUsd} nano-dollars stored and settled; both groups at the end ${drainedMs.toFixed(0)} ms after the last response`,
    );
  }, 120_000);

  async function settledNano(keyId: string, expected: number): Promise<number> {
    let nano = 0;
    await expectEventually(
      async () => {
        const res = await admin.raw('GET', `/api/reporting/keys/${keyId}`);
        nano = ((await res.json()) as { costInNanoDollars: number }).costInNanoDollars;
        expect(nano).toBe(expected);
      },
      { timeoutMs: 30_000, intervalMs: 200, what: `settled spend of ${keyId}` },
    );
    return nano;
  }

  async function changeConfig(method: string, path: string, body: unknown) {
    const res = await admin.raw(method, path, JSON.stringify(body));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('x-config-propagation')).toBe('applied');
    return JSON.parse(text) as Record<string, unknown>;
  }

  const everywhere = <T>(probe: (url: string) => Promise<T>) => Promise.all(proxies.map(probe));
});

// Polls `both` until every proxy answers `wanted`; the time since `started`.
async function untilBoth(
  started: number,
  both: () => Promise<string[]>,
  wanted: string,
  timeoutMs = 5_000,
): Promise<number> {
  while (performance.now() - started < timeoutMs) {
    if ((await both()).every((answer) => answer === wanted)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`not ${wanted} on both proxies within ${timeoutMs} ms`);
}
