import { describe, expect, it } from 'vitest';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { bedrockAdapter, bedrockErrorBody } from '../adapters/bedrock-adapter';
import { BedrockStreamCollector } from './bedrock-usage';

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
