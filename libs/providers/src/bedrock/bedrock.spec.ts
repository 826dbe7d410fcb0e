import { describe, expect, it } from 'vitest';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { bedrockAdapter, bedrockErrorBody } from '../adapters/bedrock-adapter';
import { bedrockInvokeOf, EventStreamToSse, isBedrockModelId } from './anthropic-on-bedrock';
import { BedrockStreamCollector, bedrockUsageReader } from './bedrock-usage';

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
  it('aims at the region’s runtime endpoint unless the setting overrides it', () => {
    const target = { path: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke', query: '' };
    expect(bedrockAdapter.upstreamUrl({ setting: { awsRegion: 'eu-west-3' }, secrets: {} }, target)).toBe(
      'https://bedrock-runtime.eu-west-3.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
    );
    expect(
      bedrockAdapter.upstreamUrl(
        { setting: { awsRegion: 'eu-west-3', url: 'http://10.0.0.5:8080' }, secrets: {} },
        target,
      ),
    ).toBe('http://10.0.0.5:8080/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
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
      message: {
        id: 'msg_bdrk_01',
        model: 'claude-3-5-haiku-20241022',
        usage: { input_tokens: 21, cache_read_input_tokens: 100, output_tokens: 1 },
      },
    }),
    frame(codec, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
    frame(codec, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'there' } }),
    frame(codec, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
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
      expect(collector.responseFacts()).toEqual({
        id: 'msg_bdrk_01',
        model: 'claude-3-5-haiku-20241022',
        finishReasons: ['end_turn'],
      });
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

describe('Claude’s text completions on Bedrock', () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const chunks = [
    { completion: ' Hello', stop_reason: null, stop: null },
    { completion: ' there', stop_reason: null, stop: null },
    {
      completion: '',
      stop_reason: 'stop_sequence',
      stop: '\n\nHuman:',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 12, outputTokenCount: 3 },
    },
  ];
  const stream = Buffer.concat(chunks.map((chunk) => frame(codec, chunk)));

  it('streams as Anthropic’s `completion` events, counted by Bedrock’s invocation metrics', () => {
    const sse = new EventStreamToSse().push(stream).toString();
    expect(sse).toBe(
      chunks
        .map((c) => `event: completion\ndata: ${JSON.stringify({ type: 'completion', ...c })}\n\n`)
        .join(''),
    );
    const collector = new BedrockStreamCollector();
    collector.push(stream);
    expect(collector.usage()).toMatchObject({ promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    expect(collector.text()).toBe(' Hello there');
    expect(collector.responseFacts().finishReasons).toEqual([]);
  });

  it('reads InvokeModel’s token counts from its headers when the body has no usage', () => {
    const headers = { 'x-amzn-bedrock-input-token-count': '21', 'x-amzn-bedrock-output-token-count': '6' };
    expect(bedrockUsageReader.fromJson({ completion: 'hi', stop_reason: 'stop_sequence' })).toBeNull();
    expect(bedrockUsageReader.textFromJson({ completion: 'hi', stop_reason: 'stop_sequence' })).toBe('hi');
    expect(bedrockUsageReader.fromHeaders?.(headers)).toMatchObject({
      promptTokens: 21,
      completionTokens: 6,
      totalTokens: 27,
    });
    expect(bedrockUsageReader.fromHeaders?.({ 'x-amzn-bedrock-input-token-count': '1e9' })).toBeNull();
    expect(bedrockUsageReader.fromHeaders?.({})).toBeNull();
  });
});

describe(bedrockInvokeOf.name, () => {
  it('drops model and stream, adds Bedrock’s anthropic_version, and names the operation in the path', () => {
    const body = Buffer.from(
      '{"model":"anthropic.claude-3-haiku-20240307-v1:0","max_tokens":5,"stream":true}',
    );
    const { bytes, path } = bedrockInvokeOf(body, 'anthropic.claude-3-haiku-20240307-v1:0', true);
    expect(JSON.parse(bytes.toString())).toEqual({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5 });
    expect(path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream');
  });

  it('keeps the client’s own anthropic_version and every other byte', () => {
    const body = Buffer.from('{"anthropic_version":"bedrock-2023-05-31", "model":"m", "x":{"y":1}}');
    const { bytes, path } = bedrockInvokeOf(body, 'm', false);
    expect(bytes.toString()).toBe('{"anthropic_version":"bedrock-2023-05-31", "x":{"y":1}}');
    expect(path).toBe('/model/m/invoke');
  });

  it('accepts Bedrock model ids and nothing a path could misread', () => {
    expect(isBedrockModelId('us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(true);
    for (const bad of ['', '../x', 'a b', 'a?b', 'a#b', 'a//b', '%2e%2e'])
      expect(isBedrockModelId(bad)).toBe(false);
  });
});

describe(EventStreamToSse.name, () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);

  it('turns base64 chunks into Anthropic’s SSE events, however the bytes are split', () => {
    const start = { type: 'message_start', message: { usage: { input_tokens: 3 } } };
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } };
    const bytes = Buffer.concat([frame(codec, start), frame(codec, delta)]);
    const converter = new EventStreamToSse();
    const out: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 5) out.push(converter.push(bytes.subarray(at, at + 5)));
    expect(Buffer.concat(out).toString()).toBe(
      `event: message_start\ndata: ${JSON.stringify(start)}\n\nevent: content_block_delta\ndata: ${JSON.stringify(delta)}\n\n`,
    );
  });

  it('turns a Bedrock exception into Anthropic’s error event', () => {
    const exception = codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'exception' },
        ':exception-type': { type: 'string', value: 'throttlingException' },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: Buffer.from(JSON.stringify({ message: 'Too many tokens' })),
    });
    const sse = new EventStreamToSse().push(Buffer.from(exception)).toString();
    expect(sse).toBe(
      `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'throttlingException: Too many tokens' } })}\n\n`,
    );
  });
});
