import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { estimatePromptTokens, PriceCatalog, reservationNanoUsd, tokenCounter } from '@tollgate/pricing';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';

// Limits through the five running services: admission in proxy-edge against Redis, settlement of the usage
// events in auth-limit, revocations published back through the config outbox, spend read by the admin API.
describe('limits end to end', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  let settingId: string;

  const newKey = async (fields: Record<string, unknown>) => {
    const secret = `tg-limits-${randomUUID()}`;
    const key = await admin.createKey({ name: 'limits', key: secret, settingIds: [settingId], ...fields });
    await msUntil(gateway.proxyUrl, secret, 'accepted');
    return {
      secret,
      keyId: key.keyId,
      client: new OpenAI({
        apiKey: secret,
        baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
        maxRetries: 0,
      }),
    };
  };
  const getKey = async (keyId: string) => {
    const res = await admin.raw('GET', `/api/key-management/keys?keyIds=${keyId}`);
    return ((await res.json()) as { revoked: boolean; revokedReason: string }[])[0];
  };
  const spendOf = async (keyId: string) => {
    const res = await admin.raw('GET', `/api/reporting/keys/${keyId}`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      id: string;
      costInMicroDollars: number;
      windows: { kind: string; used: number }[];
    };
  };
  const ask = (client: OpenAI, maxTokens = 9) =>
    client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: maxTokens,
    });

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

  it('lets exactly 10 of 50 concurrent requests through a rate limit of 10, and reports their spend once settled', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    const { client, keyId } = await newKey({ rateLimits: [{ limit: 10, unit: 'd' }] });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => ask(client)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(OpenAI.RateLimitError);
    // gpt-4o: 14 × 2.5 + 9 × 10 = 125 micro-dollars a request, settled by auth-limit from the usage events.
    await expectEventually(async () => expect((await spendOf(keyId)).costInMicroDollars).toBe(10 * 125), {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    expect((await spendOf(keyId)).windows).toContainEqual(
      expect.objectContaining({ kind: 'rate', used: 10 }),
    );
  });

  it('settles reservations to actual costs, keeps spend within the limit, and revokes the key when its total is used up', async () => {
    // The provider reports 100 prompt tokens where the gateway counts about 8: its reservation (prompt estimate
    // plus max_tokens) undercounts this request, the estimate error the overshoot is bounded by.
    upstream.willReply({ content: 'hello', promptTokens: 100, completionTokens: 9 });
    const actual = 100 * 2.5 + 9 * 10; // 340 micro-dollars
    const { client, keyId, secret } = await newKey({ costLimitInUsd: 0.0003 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ask(client)));
    const admitted = results.filter((r) => r.status === 'fulfilled').length;
    // Each reservation (~8 × 2.5 + 9 × 10 ≈ 110) fits twice in 300 micro-dollars, never a third time.
    expect(admitted).toBe(2);
    await expectEventually(
      async () => expect((await spendOf(keyId)).costInMicroDollars).toBe(admitted * actual),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    // Over the limit by at most the estimate error of the admitted requests.
    const prompt = estimatePromptTokens(await tokenCounter('gpt-4o'), {
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const price = PriceCatalog.seed().resolve('openai', 'gpt-4o');
    if (!price) throw new Error('gpt-4o must be in the catalog');
    const reserved = reservationNanoUsd(prompt, 9, price) / 1000; // in micro-dollars
    expect(admitted * actual - 300).toBeLessThanOrEqual(admitted * (actual - reserved));
    // auth-limit revokes the key (a reason of its own) and the proxy refuses it from then on.
    await expectEventually(
      async () =>
        expect(await getKey(keyId)).toMatchObject({ revoked: true, revokedReason: 'cost_limit_exhausted' }),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    await msUntil(gateway.proxyUrl, secret, 'rejected');
  });

  it('stops a key on a model priced through the API after deploy, without a restart', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    const model = `acme-large-${randomUUID().slice(0, 8)}`;
    const { client, keyId } = await newKey({ costLimitInUsd: 0.001 });
    const send = () =>
      client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 9 });
    // Unknown to the catalog: refused under a spend limit (BricksLLM would bill it $0 and never stop it).
    await expect(send()).rejects.toMatchObject({ status: 403, message: expect.stringContaining(model) });

    const priced = await admin.raw(
      'PUT',
      `/api/pricing/${model}`,
      JSON.stringify({ provider: 'openai', input: 10, output: 10 }),
    );
    expect(priced.status).toBe(200);
    await expectEventually(async () => expect((await send()).object).toBe('chat.completion'), {
      timeoutMs: 5_000,
      intervalMs: 50,
    });

    // 10 micro-dollars a token: (14 + 9) × 10 = 230 a request, against a total limit of 1000.
    let admitted = 1;
    let refusal: unknown = null;
    while (refusal === null && admitted < 20) {
      try {
        await send();
        admitted += 1;
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
    await expectEventually(
      async () => expect((await spendOf(keyId)).costInMicroDollars).toBe(admitted * 230),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    // Each reservation (prompt estimate + 9 output tokens, × 10) undercounts the actual 230 by the prompt
    // estimate's error: the overshoot past 1000 is bounded by it.
    const prompt = estimatePromptTokens(await tokenCounter(model), {
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const reserved = (prompt + 9) * 10;
    expect(admitted * 230).toBeLessThanOrEqual(1000 + admitted * (230 - reserved));
  });

  it('refuses a key from the instant its TTL runs out, and auth-limit then revokes it as "expired"', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    const created = Date.now();
    const { client, keyId } = await newKey({ ttl: '2s' });
    await ask(client);
    // The TTL counts from the key's creation, which happened after `created`.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, created + 2_050 - Date.now())));
    await expect(ask(client)).rejects.toMatchObject({ status: 401 });
    await expectEventually(
      async () => expect(await getKey(keyId)).toMatchObject({ revoked: true, revokedReason: 'expired' }),
      { timeoutMs: 5_000, intervalMs: 100 },
    );
  });
});
