import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FAKE_BINARY, FakeAnthropicUpstream, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { rowsByCustomId } from './support/clickhouse-rows';
import { msUntil } from './support/key-probe';

// Every provider family through the gateway with its official SDK (or raw HTTP for multipart and binary),
// against fake upstreams speaking the real wire formats; the recorded usage equals what the fake reported.
describe('provider routes', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const openaiUpstream = new FakeOpenAiUpstream();
  const anthropicUpstream = new FakeAnthropicUpstream();
  const gatewayKey = `tg-providers-${randomUUID()}`;
  const headers = (customId: string) => ({ headers: { 'X-CUSTOM-EVENT-ID': customId } });
  const row = async (customId: string) =>
    expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        return rows[0];
      },
      { timeoutMs: 30_000, what: `the analytics row of ${customId}` },
    );
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    await openaiUpstream.start();
    await anthropicUpstream.start();
    const settings = await Promise.all([
      admin.createProviderSetting({
        provider: 'openai',
        setting: { apikey: 'sk-openai-up', url: openaiUpstream.baseUrl },
      }),
      admin.createProviderSetting({
        provider: 'anthropic',
        setting: { apikey: 'sk-ant-up', url: anthropicUpstream.baseUrl },
      }),
      admin.createProviderSetting({
        provider: 'azure',
        setting: { apikey: 'azure-up', resourceName: 'acme', url: openaiUpstream.baseUrl },
      }),
    ]);
    await admin.createKey({ name: 'providers', key: gatewayKey, settingIds: settings.map((s) => s.id) });
    await msUntil(gateway.proxyUrl, gatewayKey, 'accepted');
    openai = new OpenAI({
      apiKey: gatewayKey,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
    anthropic = new Anthropic({
      apiKey: gatewayKey,
      baseURL: `${gateway.proxyUrl}/api/providers/anthropic`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await openaiUpstream.stop();
    await anthropicUpstream.stop();
  });

  describe('Anthropic', () => {
    it('answers a message, authenticating upstream with x-api-key, and records usage with the cache', async () => {
      anthropicUpstream.willReply({
        text: 'Bonjour!',
        inputTokens: 12,
        outputTokens: 6,
        cacheReadTokens: 2048,
        cacheCreationTokens: 100,
      });
      const customId = `anthropic-${randomUUID()}`;
      const message = await anthropic.messages.create(
        {
          model: 'claude-sonnet-4-6',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'Hi' }],
          metadata: { user_id: 'u-9' },
        },
        headers(customId),
      );
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'Bonjour!' });
      const received = anthropicUpstream.requests.at(-1);
      expect(received?.headers['x-api-key']).toBe('sk-ant-up');
      expect(received?.headers.authorization).toBeUndefined();
      expect(await row(customId)).toMatchObject({
        provider: 'anthropic',
        model: 'claude-sonnet-4-6',
        user_id: 'u-9',
        prompt_tokens: 2160,
        cached_prompt_tokens: 2048,
        cache_write_tokens: 100,
        completion_tokens: 6,
      });
    });

    it('streams a message and records the merged stream usage', async () => {
      anthropicUpstream.willReply({
        text: 'one two three',
        inputTokens: 25,
        outputTokens: 7,
        cacheReadTokens: 1800,
      });
      const customId = `anthropic-stream-${randomUUID()}`;
      const stream = anthropic.messages.stream(
        { model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Count' }] },
        headers(customId),
      );
      let text = '';
      stream.on('text', (delta) => (text += delta));
      const final = await stream.finalMessage();
      expect(text).toBe('one two three');
      expect(final.usage.output_tokens).toBe(7);
      expect(await row(customId)).toMatchObject({
        stream: 1,
        prompt_tokens: 1825,
        cached_prompt_tokens: 1800,
        completion_tokens: 7,
      });
    });

    it('answers gateway errors in the Anthropic shape the SDK understands', async () => {
      const stranger = new Anthropic({
        apiKey: 'not-a-key',
        baseURL: `${gateway.proxyUrl}/api/providers/anthropic`,
        maxRetries: 0,
      });
      const error = await stranger.messages
        .create({ model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
        type: 'error',
        error: { type: 'authentication_error' },
      });
      const missing = await fetch(`${gateway.proxyUrl}/api/providers/anthropic/v1/nothing-here`, {
        method: 'POST',
        headers: { 'x-api-key': gatewayKey },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    });
  });

  describe('OpenAI', () => {
    it('embeds and records the prompt tokens', async () => {
      openaiUpstream.willReply({ content: '', promptTokens: 8, completionTokens: 0 });
      const customId = `embeddings-${randomUUID()}`;
      const result = await openai.embeddings.create(
        { model: 'text-embedding-3-small', input: 'hello' },
        headers(customId),
      );
      expect(result.data[0]?.embedding).toEqual([0.5, -0.25, 0.125]);
      expect(await row(customId)).toMatchObject({ prompt_tokens: 8, completion_tokens: 0, status: 200 });
    });

    it('lists models (GET, no body)', async () => {
      const models = await openai.models.list();
      expect(models.data.map((m) => m.id)).toEqual(['gpt-4o-mini']);
    });

    it('creates a response, streamed and not, recording the Responses usage', async () => {
      openaiUpstream.willReply({
        content: 'It works',
        promptTokens: 30,
        completionTokens: 5,
        cachedTokens: 10,
        reasoningTokens: 2,
      });
      const customId = `responses-${randomUUID()}`;
      const response = await openai.responses.create(
        { model: 'gpt-4o-mini', input: 'Say it' },
        headers(customId),
      );
      expect(response.output_text).toBe('It works');
      expect(await row(customId)).toMatchObject({
        prompt_tokens: 30,
        completion_tokens: 5,
        cached_prompt_tokens: 10,
      });

      const streamId = `responses-stream-${randomUUID()}`;
      const stream = await openai.responses.create(
        { model: 'gpt-4o-mini', input: 'Say it', stream: true },
        headers(streamId),
      );
      let text = '';
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
      expect(text).toBe('It works');
      expect(await row(streamId)).toMatchObject({ stream: 1, prompt_tokens: 30, completion_tokens: 5 });
    });

    it('streams a multipart upload through byte for byte', async () => {
      const boundary = 'tollgate-boundary';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        FAKE_BINARY,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await fetch(`${gateway.proxyUrl}/api/providers/openai/v1/files`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gatewayKey}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body: payload,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ bytes: payload.length });
      const received = openaiUpstream.requests.at(-1);
      expect(received?.raw.equals(payload)).toBe(true);
      expect(received?.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
    });

    it('passes binary responses through untouched (file content, speech)', async () => {
      const content = await fetch(`${gateway.proxyUrl}/api/providers/openai/v1/files/file-1/content`, {
        headers: { authorization: `Bearer ${gatewayKey}` },
      });
      expect(Buffer.from(await content.arrayBuffer()).equals(FAKE_BINARY)).toBe(true);
      const speech = await openai.audio.speech.create({
        model: 'gpt-4o-mini-tts',
        voice: 'alloy',
        input: 'hi',
      });
      expect(speech.headers.get('content-type')).toBe('audio/mpeg');
      expect(Buffer.from(await speech.arrayBuffer()).equals(FAKE_BINARY)).toBe(true);
    });

    it('answers an unknown path with 404 in the OpenAI shape', async () => {
      const res = await fetch(`${gateway.proxyUrl}/api/providers/openai/v1/not-a-route`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gatewayKey}` },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'route_not_supported' } });
    });
  });

  describe('streaming', () => {
    it('delivers the first streamed bytes before the upstream has finished sending', async () => {
      // Eight words, 150 ms apart: the upstream needs over a second to finish.
      openaiUpstream.willReply({
        content: 'a b c d e f g h',
        promptTokens: 3,
        completionTokens: 8,
        chunkDelayMs: 150,
      });
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      });
      let firstContentAt = 0;
      let text = '';
      const usages: unknown[] = [];
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta.content ?? '';
        if (delta && !firstContentAt) firstContentAt = performance.now();
        text += delta;
        if (chunk.usage) usages.push(chunk.usage);
      }
      expect(text).toBe('a b c d e f g h');
      expect(firstContentAt).toBeGreaterThan(0);
      expect(openaiUpstream.lastStreamEndedAt - firstContentAt).toBeGreaterThan(800);
      // The gateway asked the upstream for usage; this client did not, so it sees no usage chunk.
      expect(usages).toEqual([]);
    });
  });

  describe('OpenAI-compatible servers', () => {
    it.each(['vllm', 'deepinfra'])(
      '%s answers through the openai client and records usage',
      async (provider) => {
        const setting = await admin.createProviderSetting({
          provider,
          setting: { apikey: 'sk-compat', url: openaiUpstream.baseUrl },
        });
        const key = `tg-${provider}-${randomUUID()}`;
        await admin.createKey({ name: provider, key, settingIds: [setting.id] });
        await msUntil(gateway.proxyUrl, key, 'accepted');
        openaiUpstream.willReply({ content: `hello from ${provider}`, promptTokens: 6, completionTokens: 3 });
        const client = new OpenAI({
          apiKey: key,
          baseURL: `${gateway.proxyUrl}/api/providers/${provider}/v1`,
          maxRetries: 0,
        });
        const customId = `${provider}-${randomUUID()}`;
        const completion = await client.chat.completions.create(
          { model: 'meta-llama/Llama-3.3-70B-Instruct', messages: [{ role: 'user', content: 'hi' }] },
          headers(customId),
        );
        expect(completion.choices[0]?.message.content).toBe(`hello from ${provider}`);
        expect(openaiUpstream.requests.at(-1)?.path).toBe('/v1/chat/completions');
        expect(await row(customId)).toMatchObject({ provider, prompt_tokens: 6, completion_tokens: 3 });
      },
    );
  });

  describe('custom providers', () => {
    it('proxies by the route config, authenticates with the sealed parameter, and estimates usage from its locations', async () => {
      const name = `acme${Date.now()}`;
      const created = await admin.raw(
        'POST',
        '/api/custom/providers',
        JSON.stringify({
          provider: name,
          authentication_param: 'token',
          route_configs: [
            {
              path: '/chat',
              target_url: `${openaiUpstream.baseUrl}/v1/chat/completions`,
              model_location: 'model',
              request_prompt_location: 'messages.#.content',
              response_completion_location: 'choices.#.message.content',
              stream_location: 'stream',
              stream_end_word: '[DONE]',
              stream_response_completion_location: 'choices.#.delta.content',
            },
          ],
        }),
      );
      expect(created.status).toBe(200);
      // Priced by the setting's costMap (USD per 1K tokens): 10 and 20 micro-dollars a token.
      const setting = await admin.createProviderSetting({
        provider: name,
        setting: { token: 'tok-acme-up' },
        costMap: {
          promptCostPerModel: { 'gpt-4o-mini': 0.01 },
          completionCostPerModel: { 'gpt-4o-mini': 0.02 },
        },
      });
      const key = `tg-custom-${randomUUID()}`;
      await admin.createKey({ name: 'custom', key, settingIds: [setting.id] });
      await msUntil(gateway.proxyUrl, key, 'accepted');
      await expectEventually(async () => {
        const probe = await fetch(`${gateway.proxyUrl}/api/custom/providers/${name}/chat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: 'not json',
        });
        expect(probe.status).toBe(400); // known provider and route: the body is what fails
      });

      openaiUpstream.willReply({ content: 'Custom reply here', promptTokens: 99, completionTokens: 99 });
      for (const stream of [false, true]) {
        const customId = `custom-${stream}-${randomUUID()}`;
        const res = await fetch(`${gateway.proxyUrl}/api/custom/providers/${name}/chat`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            'x-custom-event-id': customId,
          },
          body: JSON.stringify({
            model: 'gpt-4o-mini',
            stream,
            messages: [{ role: 'user', content: 'Tell me something' }],
          }),
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).toContain(stream ? 'Custom ' : 'Custom reply here');
        expect(openaiUpstream.requests.at(-1)?.headers.authorization).toBe('Bearer tok-acme-up');
        // The provider's usage is in no known shape: the gateway counts the text at the route's locations.
        expect(await row(customId)).toMatchObject({
          provider: name,
          model: 'gpt-4o-mini',
          usage_estimated: 1,
          prompt_tokens: o200k('Tell me something').length,
          completion_tokens: o200k('Custom reply here').length,
          price_entry: 'costMap/gpt-4o-mini',
          cost_nano_usd:
            (o200k('Tell me something').length * 10 + o200k('Custom reply here').length * 20) * 1000,
        });
      }

      const unknown = await fetch(`${gateway.proxyUrl}/api/custom/providers/nobody-${Date.now()}/chat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: '{}',
      });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'route_not_supported' } });
    });
  });

  describe('Azure OpenAI', () => {
    it('answers through the AzureOpenAI client, with the api-key header upstream and the api-version kept', async () => {
      openaiUpstream.willReply({ content: 'from azure', promptTokens: 4, completionTokens: 2 });
      const azure = new AzureOpenAI({
        endpoint: `${gateway.proxyUrl}/api/providers/azure`,
        apiKey: gatewayKey,
        apiVersion: '2024-10-21',
        deployment: 'my-gpt4',
        maxRetries: 0,
      });
      const customId = `azure-${randomUUID()}`;
      const completion = await azure.chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        headers(customId),
      );
      expect(completion.choices[0]?.message.content).toBe('from azure');
      const received = openaiUpstream.requests.at(-1);
      expect(received?.path).toBe('/openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21');
      expect(received?.headers['api-key']).toBe('azure-up');
      expect(await row(customId)).toMatchObject({
        provider: 'azure',
        prompt_tokens: 4,
        completion_tokens: 2,
      });
    });
  });
});
