import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { FAKE_BEDROCK_CREDENTIALS, FakeBedrockUpstream } from '@tollgate/testing';
import { bedrockAdapter, bedrockErrorBody } from '../adapters/bedrock-adapter';
import type { ProviderSettingView } from '../provider-adapter';
import { BedrockStreamCollector } from './bedrock-usage';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1%3A0';
const BODY = Buffer.from(
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'Hi' }],
  }),
);

function settingFor(
  upstream: FakeBedrockUpstream,
  secretAccessKey = FAKE_BEDROCK_CREDENTIALS.secretAccessKey,
) {
  return {
    setting: { awsRegion: FAKE_BEDROCK_CREDENTIALS.region, url: upstream.baseUrl },
    secrets: { awsAccessKeyId: FAKE_BEDROCK_CREDENTIALS.accessKeyId, awsSecretAccessKey: secretAccessKey },
  } satisfies ProviderSettingView;
}

// What the gateway sends: the adapter's URL and signed headers, the exact bytes.
async function send(setting: ProviderSettingView, path: string, clientHeaders: Record<string, string> = {}) {
  const url = bedrockAdapter.upstreamUrl(setting, { path, query: '' });
  const signRequest = bedrockAdapter.signRequest;
  if (!signRequest) throw new Error('the Bedrock adapter signs its requests');
  const headers = await signRequest(setting, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...clientHeaders },
    body: BODY,
  });
  return fetch(url, { method: 'POST', headers, body: BODY });
}

function frame(codec: EventStreamCodec, event: object, type = 'chunk'): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(JSON.stringify({ bytes: Buffer.from(JSON.stringify(event)).toString('base64') })),
  });
}

describe('bedrockAdapter', () => {
  const upstream = new FakeBedrockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());

  it('aims at the region’s runtime endpoint unless the setting overrides it', () => {
    const target = { path: `/model/${MODEL}/invoke`, query: '' };
    expect(bedrockAdapter.upstreamUrl({ setting: { awsRegion: 'eu-west-3' }, secrets: {} }, target)).toBe(
      `https://bedrock-runtime.eu-west-3.amazonaws.com/model/${MODEL}/invoke`,
    );
  });

  it('signs a request that a SigV4 verifier with the same credentials accepts', async () => {
    const before = upstream.verified;
    const res = await send(settingFor(upstream), `/model/${MODEL}/invoke`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: unknown }).usage).toMatchObject({ input_tokens: 14 });
    expect(upstream.verified).toBe(before + 1);
    expect(upstream.requests.at(-1)?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCK00001\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is refused (403) when signed with another secret', async () => {
    const res = await send(settingFor(upstream, 'not-the-secret'), `/model/${MODEL}/invoke`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException/);
  });

  it('drops the client’s own AWS signature headers and signs its own', async () => {
    const res = await send(settingFor(upstream), `/model/${MODEL}/invoke`, {
      authorization:
        'AWS4-HMAC-SHA256 Credential=CLIENT/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20200101T000000Z',
      'x-amz-security-token': 'client-token',
      'x-amz-user-agent': 'aws-sdk-js/3',
    });
    expect(res.status).toBe(200);
    const received = upstream.requests.at(-1)?.headers;
    expect(received?.['x-amz-security-token']).toBeUndefined();
    expect(received?.['x-amz-user-agent']).toBeUndefined();
    expect(received?.authorization).toContain('Credential=AKIAFAKEBEDROCK00001/');
  });

  it('answers the gateway’s errors as Bedrock exceptions the AWS SDK types', () => {
    expect(bedrockErrorBody(429, 'rate_limited', 'too many requests')).toEqual({
      __type: 'ThrottlingException',
      message: '[Tollgate] too many requests',
    });
    expect(bedrockErrorBody(401, 'invalid_api_key', 'no')).toMatchObject({ __type: 'AccessDeniedException' });
  });
});

describe(BedrockStreamCollector.name, () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const events = [
    frame(codec, {
      type: 'message_start',
      message: { usage: { input_tokens: 21, cache_read_input_tokens: 100, output_tokens: 1 } },
    }),
    frame(codec, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
    frame(codec, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'there' } }),
    frame(codec, { type: 'message_delta', usage: { output_tokens: 9 } }),
    frame(codec, {
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 121, outputTokenCount: 9 },
    }),
  ];
  const whole = Buffer.concat(events);

  it.each([1, 7, 64, whole.length])(
    'reads Anthropic’s usage from base64 chunks in event-stream frames split every %i bytes',
    (size) => {
      const collector = new BedrockStreamCollector();
      for (let at = 0; at < whole.length; at += size) collector.push(whole.subarray(at, at + size));
      expect(collector.usage()).toEqual({
        promptTokens: 121,
        completionTokens: 9,
        cachedPromptTokens: 100,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        reasoningTokens: 0,
        totalTokens: 130,
      });
      expect(collector.text()).toBe('Hello there');
    },
  );

  it('falls back to Bedrock’s invocation metrics when no Anthropic usage came', () => {
    const collector = new BedrockStreamCollector();
    collector.push(
      frame(codec, {
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': { inputTokenCount: 5, outputTokenCount: 3 },
      }),
    );
    expect(collector.usage()).toMatchObject({ promptTokens: 5, completionTokens: 3, totalTokens: 8 });
  });

  it('counts nothing from exceptions or corrupt bytes, and stops at a corrupt frame', () => {
    const collector = new BedrockStreamCollector();
    collector.push(
      frame(codec, { type: 'message_delta', usage: { output_tokens: 4 } }, 'throttlingException'),
    );
    expect(collector.usage()).toBeNull();
    const corrupt = Buffer.from(events[3] as Uint8Array);
    corrupt[corrupt.length - 1] ^= 0xff; // the message CRC no longer matches
    collector.push(corrupt);
    collector.push(events[3] as Uint8Array);
    expect(collector.usage()).toBeNull();
  });
});
