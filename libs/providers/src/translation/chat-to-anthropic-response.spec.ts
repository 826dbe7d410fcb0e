import { describe, expect, it } from 'vitest';
import { anthropicToChatResponse } from './anthropic-to-chat-response';
import { chatToAnthropicResponse } from './chat-to-anthropic-response';

describe(chatToAnthropicResponse.name, () => {
  it('translates content, tool calls, finish reason and usage (cached tokens taken out of input)', () => {
    const out = chatToAnthropicResponse(
      {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Checking.',
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'weather', arguments: '{"city":"Paris"}' },
                },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: 2060,
          completion_tokens: 6,
          total_tokens: 2066,
          prompt_tokens_details: { cached_tokens: 2048 },
        },
      },
      { model: 'claude-sonnet-4-6' },
    );
    expect(out).toEqual({
      id: 'msg_chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 6,
        cache_read_input_tokens: 2048,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['content_filter', 'refusal'],
  ])('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    const out = chatToAnthropicResponse(
      { id: 'x', choices: [{ message: { role: 'assistant', content: 'a' }, finish_reason: finishReason }] },
      { model: 'm' },
    );
    expect(out['stop_reason']).toBe(stopReason);
  });

  it('round-trips an Anthropic message through the chat shape', () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 5,
        output_tokens: 2,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 7,
      },
    };
    const back = chatToAnthropicResponse(anthropicToChatResponse(message, { model: 'gpt-4o' }), {
      model: 'claude',
    });
    expect(back).toEqual({ ...message, id: 'msg_chatcmpl-msg_1' });
  });

  it('refuses a body that is not a chat completion', () => {
    expect(() => chatToAnthropicResponse({ error: {} }, { model: 'm' })).toThrow(/not a chat completion/);
  });
});
