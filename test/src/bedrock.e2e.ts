import { randomUUID } from 'node:crypto';
import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import Anthropic from '@anthropic-ai/sdk';
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FAKE_BEDROCK_CREDENTIALS, FakeBedrockUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { rowsByCustomId } from './support/clickhouse-rows';
import { msUntil } from './support/key-probe';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
// The catalog's claude-3-haiku-20240307, which the Bedrock id resolves to: USD 0.25 and 1.25 per 1M tokens,
// so 250 and 1,250 nano-dollars a token.
const INPUT_NANO_PER_TOKEN = 250;
const OUTPUT_NANO_PER_TOKEN = 1_250;
const REQUEST = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Hi' }],
};

// Anthropic models on Amazon Bedrock through the gateway, called with AWS's own Bedrock runtime client and
// Anthropic's Bedrock client, the gateway key presented as a Bedrock API key (Authorization: Bearer). The
// fake Bedrock checks the gateway's SigV4 signature with the setting's credentials; the event is priced.
describe('Bedrock', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeBedrockUpstream();
  const gatewayKey = `tg-bedrock-${randomUUID()}`;
  let client: BedrockRuntimeClient;

  const row = (customId: string) =>
    expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        return rows[0] as unknown as Record<string, unknown>;
      },
      { timeoutMs: 30_000, what: `the analytics row of ${customId}` },
    );

  // The custom event id of the next call, added by a middleware (the AWS SDK's way to add a header).
  let customId = '';

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'bedrock',
      setting: {
        awsAccessKeyId: FAKE_BEDROCK_CREDENTIALS.accessKeyId,
        awsSecretAccessKey: FAKE_BEDROCK_CREDENTIALS.secretAccessKey,
        awsRegion: FAKE_BEDROCK_CREDENTIALS.region,
        url: upstream.baseUrl,
      },
    });
    await admin.createKey({ name: 'bedrock', key: gatewayKey, settingIds: [setting.id] });
    await msUntil(gateway.proxyUrl, gatewayKey, 'accepted');
    client = new BedrockRuntimeClient({
      endpoint: `${gateway.proxyUrl}/api/providers/bedrock`,
      region: 'us-east-1',
      token: { token: gatewayKey },
      authSchemePreference: ['httpBearerAuth'],
      // The client defaults to HTTP/2; the gateway speaks HTTP/1.1.
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-custom-event-id'] = customId;
        return next(args);
      },
      { step: 'build', name: 'customEventId' },
    );
  });

  afterAll(async () => {
    client?.destroy();
    await upstream.stop();
  });

  it('answers InvokeModel from the AWS SDK, signed for Bedrock, and records the priced usage', async () => {
    upstream.willReply({ text: 'Bonjour from Bedrock', inputTokens: 14, outputTokens: 7 });
    const verified = upstream.verified;
    customId = `bedrock-${randomUUID()}`;
    const out = await client.send(
      new InvokeModelCommand({
        modelId: MODEL,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(REQUEST),
      }),
    );
    const message = JSON.parse(Buffer.from(out.body).toString('utf8')) as { content: { text: string }[] };
    expect(message.content[0]?.text).toBe('Bonjour from Bedrock');
    expect(upstream.verified).toBe(verified + 1);
    const received = upstream.requests.at(-1);
    expect(received?.path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(received?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=TESTONLYBEDROCKKEY02\//);
    expect(JSON.stringify(received?.headers)).not.toContain(gatewayKey);
    expect(await row(customId)).toMatchObject({
      provider: 'bedrock',
      model: MODEL,
      status: 200,
      stream: 0,
      prompt_tokens: 14,
      completion_tokens: 7,
      usage_estimated: 0,
      price_entry: 'claude-3-haiku-20240307',
      cost_nano_usd: 14 * INPUT_NANO_PER_TOKEN + 7 * OUTPUT_NANO_PER_TOKEN,
    });
  });

  it('relays InvokeModelWithResponseStream as AWS event-stream frames and records the streamed usage', async () => {
    upstream.willReply({ text: 'one two three four', inputTokens: 30, outputTokens: 11 });
    customId = `bedrock-stream-${randomUUID()}`;
    const out = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: MODEL,
        contentType: 'application/json',
        body: JSON.stringify(REQUEST),
      }),
    );
    let text = '';
    const types: string[] = [];
    for await (const part of out.body ?? []) {
      if (!part.chunk?.bytes) continue;
      const event = JSON.parse(Buffer.from(part.chunk.bytes).toString('utf8')) as {
        type: string;
        delta?: { text?: string };
      };
      types.push(event.type);
      if (event.type === 'content_block_delta') text += event.delta?.text ?? '';
    }
    expect(text).toBe('one two three four');
    expect(types.at(0)).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(await row(customId)).toMatchObject({
      provider: 'bedrock',
      model: MODEL,
      stream: 1,
      prompt_tokens: 30,
      completion_tokens: 11,
      usage_estimated: 0,
      price_entry: 'claude-3-haiku-20240307',
      cost_nano_usd: 30 * INPUT_NANO_PER_TOKEN + 11 * OUTPUT_NANO_PER_TOKEN,
    });
  });

  it('answers Anthropic’s Bedrock client, plain and streamed', async () => {
    upstream.willReply({ text: 'from the Anthropic Bedrock SDK', inputTokens: 9, outputTokens: 5 });
    const anthropic = new AnthropicBedrock({
      baseURL: `${gateway.proxyUrl}/api/providers/bedrock`,
      apiKey: gatewayKey,
      awsRegion: 'us-east-1',
      maxRetries: 0,
    });
    const plainId = `bedrock-anthropic-${randomUUID()}`;
    const message = await anthropic.messages.create(
      { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'X-CUSTOM-EVENT-ID': plainId } },
    );
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'from the Anthropic Bedrock SDK' });
    expect(await row(plainId)).toMatchObject({
      provider: 'bedrock',
      prompt_tokens: 9,
      completion_tokens: 5,
    });
    const streamId = `bedrock-anthropic-stream-${randomUUID()}`;
    const stream = anthropic.messages.stream(
      { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'X-CUSTOM-EVENT-ID': streamId } },
    );
    let streamed = '';
    stream.on('text', (delta) => (streamed += delta));
    await stream.finalMessage();
    expect(streamed).toBe('from the Anthropic Bedrock SDK');
    expect(await row(streamId)).toMatchObject({
      provider: 'bedrock',
      stream: 1,
      prompt_tokens: 9,
      completion_tokens: 5,
      cost_nano_usd: 9 * INPUT_NANO_PER_TOKEN + 5 * OUTPUT_NANO_PER_TOKEN,
    });
  });

  it('serves BricksLLM’s Anthropic-shaped path to Anthropic’s own client, plain and streamed as SSE', async () => {
    upstream.willReply({ text: 'via the BricksLLM path', inputTokens: 16, outputTokens: 4 });
    const anthropic = new Anthropic({
      apiKey: gatewayKey,
      baseURL: `${gateway.proxyUrl}/api/providers/bedrock/anthropic`,
      maxRetries: 0,
    });
    const plainId = `bedrock-bricks-${randomUUID()}`;
    const message = await anthropic.messages.create(
      { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'X-CUSTOM-EVENT-ID': plainId } },
    );
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'via the BricksLLM path' });
    const received = upstream.requests.at(-1);
    expect(received?.path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(JSON.parse(received?.body ?? '{}')).toMatchObject({ anthropic_version: 'bedrock-2023-05-31' });
    expect(await row(plainId)).toMatchObject({ provider: 'bedrock', model: MODEL, prompt_tokens: 16 });
    const streamId = `bedrock-bricks-stream-${randomUUID()}`;
    const stream = anthropic.messages.stream(
      { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'X-CUSTOM-EVENT-ID': streamId } },
    );
    let streamed = '';
    stream.on('text', (delta) => (streamed += delta));
    const final = await stream.finalMessage();
    expect(streamed).toBe('via the BricksLLM path');
    expect(final.usage.output_tokens).toBe(4);
    expect(upstream.requests.at(-1)?.path).toMatch(/\/invoke-with-response-stream$/);
    expect(await row(streamId)).toMatchObject({
      provider: 'bedrock',
      stream: 1,
      prompt_tokens: 16,
      completion_tokens: 4,
      cost_nano_usd: 16 * INPUT_NANO_PER_TOKEN + 4 * OUTPUT_NANO_PER_TOKEN,
    });
  });

  it('serves BricksLLM’s legacy completions path on Bedrock, counted by Bedrock itself', async () => {
    // Claude's text completions (claude-v2, claude-instant): no usage in the body; Bedrock states the token
    // counts in InvokeModel's headers and in its stream's invocation metrics. The catalog has no price. The
    // official SDK no longer has this API: called as a BricksLLM user's script calls it, over HTTP.
    const legacyModel = 'anthropic.claude-v2:1';
    upstream.willReply({ text: 'legacy completion text', inputTokens: 21, outputTokens: 6 });
    const request = { model: legacyModel, max_tokens_to_sample: 64, prompt: '\n\nHuman: Hi\n\nAssistant:' };
    const complete = (body: object, customId: string) =>
      fetch(`${gateway.proxyUrl}/api/providers/bedrock/anthropic/v1/complete`, {
        method: 'POST',
        headers: {
          'x-api-key': gatewayKey,
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
          'x-custom-event-id': customId,
        },
        body: JSON.stringify(body),
      });
    const plainId = `bedrock-complete-${randomUUID()}`;
    const plain = await complete(request, plainId);
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { completion: string }).completion).toBe('legacy completion text');
    const received = upstream.requests.at(-1);
    expect(received?.path).toBe('/model/anthropic.claude-v2%3A1/invoke');
    expect(JSON.parse(received?.body ?? '{}')).toEqual({
      max_tokens_to_sample: 64,
      prompt: '\n\nHuman: Hi\n\nAssistant:',
      anthropic_version: 'bedrock-2023-05-31',
    });
    expect(await row(plainId)).toMatchObject({
      provider: 'bedrock',
      model: legacyModel,
      stream: 0,
      prompt_tokens: 21,
      completion_tokens: 6,
      usage_estimated: 0,
    });

    const streamId = `bedrock-complete-stream-${randomUUID()}`;
    const streamed = await complete({ ...request, stream: true }, streamId);
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Anthropic's legacy stream: `event: completion` frames whose data carries the text and stop reason.
    const events = (await streamed.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => {
        const [event, data] = frame.split('\n');
        return { event, data: JSON.parse(data?.replace(/^data: /, '') ?? '{}') as Record<string, unknown> };
      });
    expect(events.every((e) => e.event === 'event: completion' && e.data['type'] === 'completion')).toBe(
      true,
    );
    expect(events.map((e) => e.data['completion']).join('')).toBe('legacy completion text');
    expect(events.at(-1)?.data['stop_reason']).toBe('stop_sequence');
    expect(upstream.requests.at(-1)?.path).toBe('/model/anthropic.claude-v2%3A1/invoke-with-response-stream');
    expect(await row(streamId)).toMatchObject({
      provider: 'bedrock',
      stream: 1,
      prompt_tokens: 21,
      completion_tokens: 6,
      usage_estimated: 0,
    });
  });

  it('refuses an unknown gateway key with an error the AWS SDK types, before reaching Bedrock', async () => {
    const requests = upstream.requests.length;
    const stranger = new BedrockRuntimeClient({
      endpoint: `${gateway.proxyUrl}/api/providers/bedrock`,
      region: 'us-east-1',
      token: { token: 'tg-not-a-key' },
      authSchemePreference: ['httpBearerAuth'],
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    const call = stranger.send(
      new InvokeModelCommand({
        modelId: MODEL,
        contentType: 'application/json',
        body: JSON.stringify(REQUEST),
      }),
    );
    await expect(call).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 401 },
    });
    expect(upstream.requests.length).toBe(requests);
    stranger.destroy();
  });
});
