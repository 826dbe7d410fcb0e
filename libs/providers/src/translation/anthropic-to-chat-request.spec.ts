import { describe, expect, it } from 'vitest';
import { anthropicToChatRequest } from './anthropic-to-chat-request';
import { chatToAnthropicRequest } from './chat-to-anthropic-request';
import { TranslationError } from './translation-error';

const opts = { model: 'gpt-4o' };

describe(anthropicToChatRequest.name, () => {
  it('translates system, text, images, tool use and tool results', () => {
    const out = anthropicToChatRequest(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 512,
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hmm', signature: 's' },
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'png' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'an image format' },
              { type: 'text', text: 'And?' },
            ],
          },
        ],
      },
      opts,
    );
    expect(out).toEqual({
      model: 'gpt-4o',
      max_completion_tokens: 512,
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"png"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'an image format' },
        { role: 'user', content: [{ type: 'text', text: 'And?' }] },
      ],
    });
  });

  it('translates tools, tool_choice, sampling, stop, user and stream (asking for usage)', () => {
    const out = anthropicToChatRequest(
      {
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [{ name: 'f', description: 'does f', input_schema: { type: 'object', properties: {} } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        temperature: 0.5,
        top_p: 0.8,
        top_k: 40,
        stop_sequences: ['END'],
        metadata: { user_id: 'u1' },
        stream: true,
      },
      opts,
    );
    expect(out).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: {} } },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_completion_tokens: 100,
      temperature: 0.5,
      top_p: 0.8,
      stop: ['END'],
      user: 'u1',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('refuses server tools and unknown blocks', () => {
    const base = { max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
    expect(() =>
      anthropicToChatRequest({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, opts),
    ).toThrow(TranslationError);
    expect(() =>
      anthropicToChatRequest(
        { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] },
        opts,
      ),
    ).toThrow(TranslationError);
  });

  it('brings a chat request translated to Anthropic back to the same conversation', () => {
    const chat = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '18C' },
      ],
      tools: [
        { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: 'auto',
      max_completion_tokens: 64,
    };
    const back = anthropicToChatRequest(
      chatToAnthropicRequest(chat, { model: 'claude', defaultMaxTokens: 1 }),
      opts,
    );
    expect(back).toEqual({
      ...chat,
      messages: [
        chat.messages[0],
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        chat.messages[2],
        chat.messages[3],
      ],
    });
  });
});
