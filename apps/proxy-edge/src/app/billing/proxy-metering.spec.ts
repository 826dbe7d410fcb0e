import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import {
  expectEventually,
  FAKE_BINARY,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// Every kind of usage priced through the proxy, with the official client: tokens, images by quality and
// size, speech by character, audio by minute, and a setting's costMap. Keys without limits.
describe('metering through the proxy', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  let client: OpenAI;
  let mapped: OpenAI;
  let logged: OpenAI;
  let baseURL = '';

  const lastEvent = (): RequestCompletedV1['payload'] => {
    const published = proxy.events().at(-1);
    if (!published) throw new Error('no usage event yet');
    return published.payload;
  };
  const settled = async <T>(call: () => Promise<T>) => {
    const count = proxy.events().length;
    await call();
    await expectEventually(() => expect(proxy.events().length).toBe(count + 1));
    return lastEvent();
  };

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addSetting({
      id: 's-mapped',
      provider: 'openai',
      setting: { url: upstream.baseUrl },
      secrets: {},
      costMap: { promptCostPerModel: { 'gpt-4o': 0.001 }, completionCostPerModel: { 'gpt-4o': 0.002 } },
    });
    directory.addSetting({
      id: 's-azure',
      provider: 'azure',
      setting: { resourceName: 'r', url: upstream.baseUrl },
      secrets: {},
    });
    directory.addKey('k', { keyId: 'k1', settingIds: ['s1', 's-azure'] });
    directory.addKey('logged', {
      keyId: 'k3',
      settingIds: ['s1'],
      shouldLogRequest: true,
      shouldLogResponse: true,
    });
    directory.addKey('mapped', { keyId: 'k2', settingIds: ['s-mapped'] });
    proxy = await startEdgeUnderTest(directory);
    baseURL = proxy.openAiBaseUrl;
    client = proxy.openai('k');
    mapped = proxy.openai('mapped');
    logged = proxy.openai('logged');
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  it('prices chat tokens from the catalog entry of a dated model name', async () => {
    upstream.willReply({ content: 'hi', promptTokens: 1000, completionTokens: 200, cachedTokens: 400 });
    const event = await settled(() =>
      client.chat.completions.create({
        model: 'gpt-4o-2024-08-06',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    // gpt-4o: 600 × 2.5 + 400 × 1.25 + 200 × 10 = 1500 + 500 + 2000 = 4000 micro-dollars.
    expect(event).toMatchObject({ priceEntry: 'gpt-4o', costNanoUsd: 4_000_000 });
  });

  it('prices Azure by the model its response names, not by the deployment', async () => {
    upstream.willReply({ content: 'hi', promptTokens: 1000, completionTokens: 200 });
    const url = baseURL.replace(
      '/openai/v1',
      '/azure/openai/deployments/prod-chat/chat/completions?api-version=2024-10-21',
    );
    const event = await settled(async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'api-key': 'k', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      await res.json();
    });
    // The response says gpt-4o-mini-2024-07-18: azure/gpt-4o-mini, 0.165 in and 0.66 out: 1000 × 0.165 + 200 × 0.66.
    expect(event).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 297_000,
    });
  });

  it('prices with the provider setting’s costMap (USD per 1K tokens) over the catalog', async () => {
    upstream.willReply({ content: 'hi', promptTokens: 1000, completionTokens: 200 });
    const event = await settled(() =>
      mapped.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    );
    // $0.001 and $0.002 per 1K tokens = 1 and 2 micro-dollars per token: 1000 × 1 + 200 × 2 = 1400.
    expect(event).toMatchObject({ priceEntry: 'costMap/gpt-4o', costNanoUsd: 1_400_000 });
  });

  it('prices images per image by quality and size', async () => {
    const event = await settled(() =>
      client.images.generate({ model: 'dall-e-3', prompt: 'a cat', n: 2, size: '1024x1792', quality: 'hd' }),
    );
    // dall-e-3 hd 1024x1792: $0.12 an image, 2 images.
    expect(event).toMatchObject({ priceEntry: 'dall-e-3', costNanoUsd: 240_000_000, outcome: 'success' });
  });

  it('prices speech per input character', async () => {
    const event = await settled(async () => {
      const audio = await client.audio.speech.create({
        model: 'tts-1-hd',
        voice: 'alloy',
        input: 'Grüße, Welt!',
      });
      await audio.arrayBuffer();
    });
    // tts-1-hd: $30 per 1M characters = 30 micro-dollars a character; "Grüße, Welt!" has 12.
    expect(event).toMatchObject({ priceEntry: 'tts-1-hd', costNanoUsd: 360_000 });
  });

  it('prices a transcription per audio minute, reading the model from the multipart upload', async () => {
    upstream.audioSeconds = 90;
    const file = await toFile(Buffer.from('ID3 fake audio'), 'speech.mp3', { type: 'audio/mpeg' });
    const event = await settled(() => client.audio.transcriptions.create({ model: 'whisper-1', file }));
    // whisper-1: $0.006 a minute, 1.5 minutes.
    expect(event).toMatchObject({ model: 'whisper-1', priceEntry: 'whisper-1', costNanoUsd: 9_000_000 });
  });

  it('bills a background response once, when its usage first arrives, however often it is fetched', async () => {
    upstream.willReply({ content: 'done', promptTokens: 1000, completionTokens: 100 });
    const queued = await settled(() =>
      client.responses.create({ model: 'gpt-4o', input: 'Think', background: true }),
    );
    // Queued: no usage yet, nothing billed.
    expect(queued).toMatchObject({ priceEntry: 'gpt-4o', costNanoUsd: 0 });
    let id = '';
    await settled(async () => {
      id = (await client.responses.create({ model: 'gpt-4o', input: 'Again', background: true })).id;
    });
    const fetched = await settled(() => client.responses.retrieve(id));
    // gpt-4o: 1000 × 2.5 + 100 × 10.
    expect(fetched).toMatchObject({
      costNanoUsd: 3_500_000,
      usage: expect.objectContaining({ promptTokens: 1000 }),
    });
    const again = await settled(() => client.responses.retrieve(id));
    expect(again).toMatchObject({
      costNanoUsd: 0,
      usage: expect.objectContaining({ promptTokens: 0, estimated: false }),
    });
  });

  it('bills a batch’s results at batch prices when its output file is fetched, once', async () => {
    upstream.willReply({ content: 'ok', promptTokens: 1000, completionTokens: 200 });
    const fileId = `file-batch-${Date.now()}`;
    const first = await settled(async () => (await client.files.content(fileId)).text());
    // Two results of gpt-4o-mini at its batch prices (0.075 in, 0.3 out): 2000 × 0.075 + 400 × 0.3.
    expect(first).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 270_000,
      usage: expect.objectContaining({ promptTokens: 2000, completionTokens: 400 }),
    });
    const again = await settled(async () => (await client.files.content(fileId)).text());
    expect(again).toMatchObject({ costNanoUsd: 0 });
  });

  it('logs request and response bodies of a key that asks, whatever their type: JSON, binary, multipart', async () => {
    upstream.willReply({ content: 'hi', promptTokens: 3, completionTokens: 1 });
    const chat = await settled(() =>
      logged.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(chat.request).toMatchObject({
      contentType: 'application/json',
      encoding: 'json',
      truncated: false,
    });
    expect(JSON.parse(chat.request?.body ?? '')).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.response).toMatchObject({
      encoding: 'json',
      body: expect.stringContaining('chat.completion'),
    });

    const speech = await settled(async () => {
      await (
        await logged.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hello' })
      ).arrayBuffer();
    });
    expect(speech.response).toMatchObject({ contentType: 'audio/mpeg', encoding: 'base64' });
    expect(Buffer.from(speech.response?.body ?? '', 'base64').equals(FAKE_BINARY)).toBe(true);

    const file = await toFile(Buffer.from([0xff, 0xfb, 0x90]), 'a.mp3', { type: 'audio/mpeg' });
    const upload = await settled(() => logged.audio.transcriptions.create({ model: 'whisper-1', file }));
    expect(upload.request?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.request?.encoding).toBe('base64');
    expect(Buffer.from(upload.request?.body ?? '', 'base64').toString('latin1')).toContain('name="model"');

    // A key without logging logs nothing.
    const plain = await settled(() => client.chat.completions.create({ model: 'gpt-4o', messages: [] }));
    expect(plain).toMatchObject({ request: null, response: null });
  });

  it('records a request to a model without a price as unpriced (null), never as $0', async () => {
    upstream.willReply({ content: 'hi', promptTokens: 10, completionTokens: 5 });
    const event = await settled(() =>
      client.chat.completions.create({
        model: 'house-model-7b',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(event).toMatchObject({ priceEntry: null, costNanoUsd: null });
  });
});
