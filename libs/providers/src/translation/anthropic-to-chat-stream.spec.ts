import { describe, expect, it } from 'vitest';
import { ANTHROPIC_TEXT_STREAM, ANTHROPIC_TOOL_STREAM } from './anthropic-fixtures.test-support';
import { AnthropicToChatStream } from './anthropic-to-chat-stream';

const CREATED = 1763900000;
const translator = (includeUsage: boolean) =>
  new AnthropicToChatStream({ model: 'gpt-4o', includeUsage, created: CREATED });

// The OpenAI frames as parsed JSON ([DONE] kept as a string).
const frames = (sse: string): unknown[] => {
  expect(sse.endsWith('\n\n') || sse === '').toBe(true);
  return sse
    .split('\n\n')
    .filter((f) => f !== '')
    .map((f) => {
      expect(f.startsWith('data: ')).toBe(true);
      const data = f.slice(6);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
};

const translateWhole = (input: string, includeUsage: boolean) => {
  const t = translator(includeUsage);
  return t.push(input) + t.end();
};

const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) => ({
  id: 'chatcmpl-msg_01XFD',
  object: 'chat.completion.chunk',
  created: CREATED,
  model: 'gpt-4o',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  ...extra,
});

describe(AnthropicToChatStream.name, () => {
  it('translates text and tool_use blocks into role, content, tool_calls and finish chunks', () => {
    expect(frames(translateWhole(ANTHROPIC_TOOL_STREAM, false))).toEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Je vérifie ' }),
      chunk({ content: 'la météo 🌤️…' }),
      chunk({
        tool_calls: [
          { index: 0, id: 'toolu_01', type: 'function', function: { name: 'weather', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Par' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'is"}' } }] }),
      chunk({
        tool_calls: [
          { index: 1, id: 'toolu_02', type: 'function', function: { name: 'weather', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('with include_usage, marks every chunk usage: null and adds the usage chunk before [DONE]', () => {
    const out = frames(translateWhole(ANTHROPIC_TOOL_STREAM, true));
    expect(out[0]).toEqual(chunk({ role: 'assistant', content: '' }, null, { usage: null }));
    expect(out.slice(-3)).toEqual([
      chunk({}, 'tool_calls', { usage: null }),
      {
        id: 'chatcmpl-msg_01XFD',
        object: 'chat.completion.chunk',
        created: CREATED,
        model: 'gpt-4o',
        choices: [],
        usage: {
          prompt_tokens: 1835,
          completion_tokens: 42,
          total_tokens: 1877,
          prompt_tokens_details: { cached_tokens: 1800, cache_write_tokens: 10 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      '[DONE]',
    ]);
  });

  it('gives the same output whatever the byte boundaries of its input', () => {
    const whole = translateWhole(ANTHROPIC_TOOL_STREAM, true);
    const bytes = Buffer.from(ANTHROPIC_TOOL_STREAM, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const t = translator(true);
      expect(t.push(bytes.subarray(0, cut)) + t.push(bytes.subarray(cut)) + t.end()).toBe(whole);
    }
    // And fed one byte at a time.
    const t = translator(true);
    let out = '';
    for (const byte of bytes) out += t.push(Uint8Array.of(byte));
    expect(out + t.end()).toBe(whole);
  });

  it('gives the same output whatever the string boundaries (a cut inside a surrogate pair included)', () => {
    const whole = translateWhole(ANTHROPIC_TOOL_STREAM, false);
    for (let cut = 1; cut < ANTHROPIC_TOOL_STREAM.length; cut++) {
      const t = translator(false);
      const out =
        t.push(ANTHROPIC_TOOL_STREAM.slice(0, cut)) + t.push(ANTHROPIC_TOOL_STREAM.slice(cut)) + t.end();
      expect(out).toBe(whole);
    }
  });

  it('maps max_tokens to length and ignores ping', () => {
    const input = ANTHROPIC_TEXT_STREAM.replace('"end_turn"', '"max_tokens"');
    const out = frames(translateWhole(input, false));
    expect(
      out.map((f) =>
        typeof f === 'string'
          ? f
          : (f as { choices: { delta: unknown; finish_reason: unknown }[] }).choices[0],
      ),
    ).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
      { index: 0, delta: { content: 'Hello' }, logprobs: null, finish_reason: null },
      { index: 0, delta: { content: ' there!' }, logprobs: null, finish_reason: null },
      { index: 0, delta: {}, logprobs: null, finish_reason: 'length' },
      '[DONE]',
    ]);
  });

  it('turns a mid-stream error event into an OpenAI error frame and stops', () => {
    const cut = ANTHROPIC_TEXT_STREAM.indexOf('event: content_block_stop');
    const input =
      ANTHROPIC_TEXT_STREAM.slice(0, cut) +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n' +
      ANTHROPIC_TEXT_STREAM.slice(cut);
    const t = translator(false);
    const out = frames(t.push(input) + t.end());
    expect(t.completed).toBe(false);
    expect(out).toHaveLength(4);
    expect(out[3]).toEqual({
      error: {
        message: 'Overloaded',
        type: 'service_unavailable_error',
        param: null,
        code: 'server_is_overloaded',
      },
    });
  });

  it('ends a stream cut before message_stop with an error frame, not [DONE]', () => {
    const cut = ANTHROPIC_TEXT_STREAM.indexOf('event: message_delta');
    const t = translator(false);
    const out = frames(t.push(ANTHROPIC_TEXT_STREAM.slice(0, cut)) + t.end());
    expect(t.completed).toBe(false);
    expect(out).not.toContain('[DONE]');
    expect(out[out.length - 1]).toMatchObject({ error: { type: 'server_error' } });
  });

  it('returns nothing from end() after a complete stream', () => {
    const t = translator(false);
    expect(t.push(ANTHROPIC_TEXT_STREAM)).toContain('data: [DONE]\n\n');
    expect(t.completed).toBe(true);
    expect(t.end()).toBe('');
  });
});
