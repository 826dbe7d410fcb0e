import { describe, expect, it } from 'vitest';
import { anthropicToChatResponse } from './anthropic-to-chat-response';

const message = (overrides: Record<string, unknown>) => ({
  id: 'msg_01XFD',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'text', text: 'Hello!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 12,
    output_tokens: 6,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 2048,
  },
  ...overrides,
});
const translate = (overrides: Record<string, unknown> = {}) =>
  anthropicToChatResponse(message(overrides), { model: 'gpt-4o', created: 1763900000 });
const choice = (out: Record<string, unknown>) => (out['choices'] as Record<string, unknown>[])[0];

describe(anthropicToChatResponse.name, () => {
  it('translates a text message with cache-read usage (wire-formats §4.3)', () => {
    expect(translate()).toEqual({
      id: 'chatcmpl-msg_01XFD',
      object: 'chat.completion',
      created: 1763900000,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello!', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 2060,
        completion_tokens: 6,
        total_tokens: 2066,
        prompt_tokens_details: { cached_tokens: 2048, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('counts cache writes into prompt_tokens', () => {
    const usage = translate({
      usage: { input_tokens: 5, output_tokens: 1, cache_creation_input_tokens: 100 },
    })['usage'];
    expect(usage).toMatchObject({
      prompt_tokens: 105,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 100 },
    });
  });

  it('turns tool_use blocks into tool_calls with JSON string arguments and null content', () => {
    const out = translate({
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'x' },
        { type: 'tool_use', id: 'toolu_01', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
    });
    expect(choice(out)).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          { id: 'toolu_01', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
  });

  it('joins several text blocks', () => {
    const out = translate({
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    });
    expect(choice(out)['message']).toMatchObject({ content: 'ab' });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['model_context_window_exceeded', 'length'],
  ])('maps stop_reason %s to finish_reason %s', (stopReason, finishReason) => {
    expect(choice(translate({ stop_reason: stopReason }))['finish_reason']).toBe(finishReason);
  });

  it('refuses a body that is not a message', () => {
    expect(() => anthropicToChatResponse({ type: 'error' }, { model: 'gpt-4o' })).toThrow(/not a message/);
  });
});
