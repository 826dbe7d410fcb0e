import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FAKE_BINARY, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';

// Usage events through Kafka and the ingester into ClickHouse, read back through the admin API's events and
// reporting endpoints; logged bodies of every content type survive (BricksLLM loses such events).
describe('analytics end to end', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  let keyId = '';
  let client: OpenAI;
  const started = Math.floor(Date.now() / 1000);

  const getJson = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await admin.raw(method, path, body === undefined ? undefined : JSON.stringify(body));
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-x', url: upstream.baseUrl },
    });
    const secret = `tg-analytics-${randomUUID()}`;
    keyId = (
      await admin.createKey({
        name: 'analytics',
        key: secret,
        settingIds: [setting.id],
        shouldLogRequest: true,
        shouldLogResponse: true,
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

  it('stores each request once with its logged bodies, JSON and binary alike, and reports it', async () => {
    upstream.willReply({ content: 'hello', promptTokens: 14, completionTokens: 9 });
    const chatId = `chat-${randomUUID()}`;
    const speechId = `speech-${randomUUID()}`;
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], user: 'ann' },
      { headers: { 'x-custom-event-id': chatId } },
    );
    const audio = await client.audio.speech.create(
      { model: 'tts-1', voice: 'alloy', input: 'Hello' },
      { headers: { 'x-custom-event-id': speechId } },
    );
    await audio.arrayBuffer();

    type Event = {
      id: string;
      key_id: string;
      cost_in_usd: number;
      request: unknown;
      response: unknown;
      userId: string;
    };
    const byCustomId = async (customId: string) => {
      let events: Event[] = [];
      await expectEventually(
        async () => {
          events = await getJson<Event[]>('GET', `/api/events?customId=${customId}`);
          expect(events).toHaveLength(1);
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      return events[0] as Event;
    };
    const chat = await byCustomId(chatId);
    // gpt-4o: 14 × 2.5 + 9 × 10 = 125 micro-dollars. A JSON body comes back as JSON, as BricksLLM's.
    expect(chat).toMatchObject({ key_id: keyId, cost_in_usd: 0.000125, userId: 'ann' });
    expect(chat.request).toMatchObject({ model: 'gpt-4o', user: 'ann' });
    expect(chat.response).toMatchObject({ object: 'chat.completion' });
    const speech = await byCustomId(speechId);
    // tts-1: 5 characters × 15 micro-dollars. The audio is kept as base64 with its type.
    expect(speech).toMatchObject({
      cost_in_usd: 0.000075,
      response: { contentType: 'audio/mpeg', encoding: 'base64' },
    });
    expect(Buffer.from((speech.response as { body: string }).body, 'base64').equals(FAKE_BINARY)).toBe(true);

    // The report agrees with the key's events: the two calls, and the key probe's refused request (a request
    // too, at no cost).
    const range = { start: started - 60, end: Math.floor(Date.now() / 1000) + 60 };
    const { events } = await getJson<{ events: Event[] }>('POST', '/api/v2/events', {
      ...range,
      keyIds: [keyId],
    });
    expect(events).toHaveLength(3);
    const report = await getJson<{ dataPoints: { numberOfRequests: number; costInUsd: number }[] }>(
      'POST',
      '/api/reporting/events',
      { ...range, increment: 3600, keyIds: [keyId] },
    );
    expect(report.dataPoints[0]).toMatchObject({ numberOfRequests: events.length, costInUsd: 0.0002 });
    expect(await getJson<string[]>('GET', `/api/reporting/users-ids?keyId=${keyId}`)).toEqual(['ann']);
  });
});
