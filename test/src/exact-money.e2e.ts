import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';

// Money is counted in nano-dollars end to end: through the proxy, auth-limit's settled totals in Redis, and
// ClickHouse read back through the reporting API. Calls that each cost a fraction of a micro-dollar add up
// exactly, and usage reported after the call (an assistants run) is billed once, its reservation released.
describe('exact money end to end', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  let settingId = '';
  const started = Math.floor(Date.now() / 1000);

  const newKey = async (fields: Record<string, unknown> = {}) => {
    const secret = `tg-money-${randomUUID()}`;
    const { keyId } = await admin.createKey({
      name: 'money',
      key: secret,
      settingIds: [settingId],
      ...fields,
    });
    await msUntil(gateway.proxyUrl, secret, 'accepted');
    const client = new OpenAI({
      apiKey: secret,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
    return { keyId, client };
  };
  const getJson = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await admin.raw(method, path, body === undefined ? undefined : JSON.stringify(body));
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const settledTotal = (keyId: string) =>
    getJson<{ costInMicroDollars: number; costInNanoDollars: number }>('GET', `/api/reporting/keys/${keyId}`);

  beforeAll(async () => {
    await upstream.start();
    settingId = (
      await admin.createProviderSetting({
        provider: 'openai',
        setting: { apikey: 'sk-x', url: upstream.baseUrl },
      })
    ).id;
  });
  afterAll(() => upstream.stop());

  it('adds 1,000 calls of 0.16 micro-dollars up to exactly 160 micro-dollars: settled, stored and reported', async () => {
    // text-embedding-3-small: $0.02 per 1M tokens; 8 tokens = 0.16 micro-dollars (each was billed $0 before).
    upstream.willReply({ content: '', promptTokens: 8, completionTokens: 0 });
    const { keyId, client } = await newKey({ costLimitInUsd: 1 });
    for (let sent = 0; sent < 1000; sent += 50)
      await Promise.all(
        Array.from({ length: 50 }, () =>
          client.embeddings.create({ model: 'text-embedding-3-small', input: 'The food was delicious' }),
        ),
      );
    // auth-limit's settled total, from the usage events through Kafka.
    await expectEventually(
      async () =>
        expect(await settledTotal(keyId)).toMatchObject({
          costInNanoDollars: 160_000,
          costInMicroDollars: 160,
        }),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // ClickHouse, through the reporting API: the 1,000 calls and the key probe's refused request (at no cost).
    const range = { start: started - 60, end: Math.floor(Date.now() / 1000) + 60 };
    await expectEventually(
      async () => {
        const report = await getJson<{ dataPoints: { numberOfRequests: number; costInUsd: number }[] }>(
          'POST',
          '/api/reporting/events',
          { ...range, increment: 3600, keyIds: [keyId] },
        );
        expect(report.dataPoints[0]).toMatchObject({ numberOfRequests: 1001, costInUsd: 0.00016 });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const top = await getJson<{ dataPoints: { keyId: string; costInUsd: number }[] }>(
      'POST',
      '/api/reporting/top-keys',
      {
        ...range,
        keyIds: [keyId],
      },
    );
    expect(top.dataPoints).toEqual([{ keyId, costInUsd: 0.00016 }]);
    const { events } = await getJson<{ events: { cost_in_micro_usd: number; cost_in_nano_usd: number }[] }>(
      'POST',
      '/api/v2/events',
      { ...range, keyIds: [keyId], costOrder: 'desc', limit: 1 },
    );
    expect(events[0]).toMatchObject({ cost_in_micro_usd: 0.16, cost_in_nano_usd: 160 });
  });

  it('bills an assistants run once when a retrieval shows it ended, and releases the reservation it held', async () => {
    upstream.willReply({ content: 'Paris.', promptTokens: 300, completionTokens: 40 });
    const { keyId, client } = await newKey({ costLimitInUsd: 1 });
    const run = await client.beta.threads.runs.createAndPoll(
      'thread_e2e',
      { assistant_id: 'asst_1', model: 'gpt-4o', max_prompt_tokens: 2000, max_completion_tokens: 500 },
      { pollIntervalMs: 20 },
    );
    expect(run.status).toBe('completed');
    await client.beta.threads.runs.retrieve(run.id, { thread_id: 'thread_e2e' });
    // gpt-4o: 300 × 2.5 + 40 × 10 = 1,150 micro-dollars; the 10,000 reserved at creation are released.
    await expectEventually(
      async () => expect(await settledTotal(keyId)).toMatchObject({ costInNanoDollars: 1_150_000 }),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
