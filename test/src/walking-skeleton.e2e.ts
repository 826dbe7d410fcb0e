import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeOpenAiUpstream, infraEnv } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';
import { rowsByCustomId } from './support/clickhouse-rows';

// One request through all five services: config-admin stores the setting and key in PostgreSQL, proxy-edge
// forwards to the (fake) provider and publishes the usage event to Kafka, analytics-ingester writes it to
// ClickHouse, and auth-limit consumes the same event.
describe('walking skeleton', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  const redis = new Redis(infraEnv.redisUrl);
  const gatewayKey = `tg-e2e-${randomUUID()}`;
  let keyId: string;
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'openai',
      name: 'fake openai',
      setting: { apikey: 'sk-provider-secret', url: upstream.baseUrl },
    });
    const key = await admin.createKey({
      name: 'e2e key',
      key: gatewayKey,
      tags: ['e2e'],
      settingIds: [setting.id],
    });
    keyId = key.keyId;
    // The key reaches the proxy by push (outbox → Kafka → read model): wait for it, as a client would not.
    await msUntil(gateway.proxyUrl, gatewayKey, 'accepted');
    client = new OpenAI({
      apiKey: gatewayKey,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await upstream.stop();
    redis.disconnect();
  });

  it('answers a chat completion through the gateway with the upstream reply unchanged', async () => {
    upstream.willReply({
      content: 'Hello through the gateway!',
      promptTokens: 21,
      completionTokens: 6,
      cachedTokens: 4,
    });
    const customId = `skeleton-${randomUUID()}`;
    const completion = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], user: 'user-7' },
      { headers: { 'X-CUSTOM-EVENT-ID': customId } },
    );

    expect(completion.choices[0]?.message.content).toBe('Hello through the gateway!');
    expect(completion.usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 6, total_tokens: 27 });

    // The provider saw the setting's key, never the gateway key or the custom event id.
    const received = upstream.requests.at(-1);
    expect(received?.path).toBe('/v1/chat/completions');
    expect(received?.headers.authorization).toBe('Bearer sk-provider-secret');
    expect(JSON.stringify(received?.headers)).not.toContain(gatewayKey);
    expect(received?.headers['x-custom-event-id']).toBeUndefined();
    expect(JSON.parse(received?.body ?? '{}')).toMatchObject({ model: 'gpt-4o-mini', user: 'user-7' });

    const [row] = await expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        return rows;
      },
      { timeoutMs: 30_000, what: 'the ClickHouse row of the request' },
    );
    expect(row).toMatchObject({
      key_id: keyId,
      model: 'gpt-4o-mini',
      status: 200,
      outcome: 'success',
      stream: 0,
      prompt_tokens: 21,
      completion_tokens: 6,
      cached_prompt_tokens: 4,
      total_tokens: 27,
      usage_estimated: 0,
      user_id: 'user-7',
    });

    // Fan-out: auth-limit consumed the same event (its once-per-event marker exists).
    await expectEventually(
      async () => expect(await redis.exists(`tollgate:usage:seen:${row?.event_id}`)).toBe(1),
      { timeoutMs: 30_000, what: 'auth-limit consumed the usage event' },
    );
  });

  it('streams a chat completion and records the usage the upstream reported', async () => {
    upstream.willReply({ content: 'one two three four', promptTokens: 9, completionTokens: 4 });
    const customId = `skeleton-stream-${randomUUID()}`;
    const stream = await client.chat.completions.create(
      {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Count' }],
        stream: true,
        stream_options: { include_usage: true },
      },
      { headers: { 'X-CUSTOM-EVENT-ID': customId } },
    );
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('one two three four');

    await expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          key_id: keyId,
          stream: 1,
          prompt_tokens: 9,
          completion_tokens: 4,
          status: 200,
        });
      },
      { timeoutMs: 30_000, what: 'the ClickHouse row of the streamed request' },
    );
  });

  it('rejects an unknown key in the OpenAI error shape and still records the request', async () => {
    const customId = `skeleton-401-${randomUUID()}`;
    const stranger = new OpenAI({
      apiKey: 'not-a-gateway-key',
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
    const before = upstream.requests.length;
    const error = await stranger.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'X-CUSTOM-EVENT-ID': customId } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(upstream.requests.length).toBe(before);

    await expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          key_id: '',
          status: 401,
          outcome: 'rejected',
          error_code: 'invalid_api_key',
        });
      },
      { timeoutMs: 30_000, what: 'the ClickHouse row of the rejected request' },
    );
  });
});

describe('health', () => {
  const gateway = inject('gateway');

  it.each([
    ['config-admin', 18001, ['clickhouse', 'kafka', 'postgres', 'redis']],
    ['proxy-edge', 18002, ['kafka', 'postgres', 'redis']],
    ['auth-limit', 18003, ['kafka', 'postgres', 'redis']],
    ['pii-redaction', 18004, ['scan-workers']],
    ['analytics-ingester', 18005, ['clickhouse', 'kafka']],
  ])('%s is live and ready, checking its own dependencies', async (_name, port, dependencies) => {
    const live = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(live.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { ready: boolean; checks: Record<string, { status: string }> };
    expect(report.ready).toBe(true);
    expect(Object.keys(report.checks).sort()).toEqual(dependencies);
    expect(Object.values(report.checks).every((c) => c.status === 'up')).toBe(true);
    expect(gateway.proxyUrl).toContain('18002');
  });
});
