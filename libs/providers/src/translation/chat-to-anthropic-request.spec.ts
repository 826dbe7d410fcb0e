import { describe, expect, it } from 'vitest';
import { chatToAnthropicRequest } from './chat-to-anthropic-request';
import { TranslationError } from './translation-error';

const opts = { model: 'claude-sonnet-4-6', defaultMaxTokens: 4096 };
const translate = (body: Record<string, unknown>) =>
  chatToAnthropicRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...body }, opts);
const refusal = (body: unknown): TranslationError => {
  try {
    chatToAnthropicRequest(body, opts);
  } catch (err) {
    if (err instanceof TranslationError) return err;
    throw err;
  }
  throw new Error('expected a TranslationError');
};

describe(chatToAnthropicRequest.name, () => {
  describe('messages', () => {
    it('moves system and developer messages to system and keeps the step model', () => {
      const out = chatToAnthropicRequest(
        {
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Bonjour' },
            { role: 'user', content: 'Ça va?' },
          ],
        },
        opts,
      );
      expect(out).toEqual({
        model: 'claude-sonnet-4-6',
        max_tokens: 4096,
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Answer in French.' },
        ],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Bonjour' }] },
          { role: 'user', content: [{ type: 'text', text: 'Ça va?' }] },
        ],
      });
    });

    it('translates image parts: data URLs to base64 sources, http URLs to url sources', () => {
      const out = translate({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
            ],
          },
        ],
      });
      expect(out['messages']).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ]);
    });

    it('turns assistant tool calls into tool_use and merges consecutive tool results into one user turn', () => {
      const out = translate({
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Paris"}' },
              },
              { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '18C' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '24C' }] },
          { role: 'user', content: 'Thanks' },
        ],
      });
      expect(out['messages']).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
            { type: 'tool_result', tool_use_id: 'call_2', content: '24C' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ]);
    });

    it('keeps assistant text before its tool calls', () => {
      const out = translate({
        messages: [
          { role: 'user', content: 'Go' },
          {
            role: 'assistant',
            content: 'Let me check.',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }],
          },
        ],
      });
      expect((out['messages'] as unknown[])[1]).toEqual({
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'c', name: 'f', input: {} },
        ],
      });
    });
  });

  describe('tools', () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'weather',
          description: 'Current weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
      { type: 'function', function: { name: 'now' } },
    ];

    it('translates function tools to input_schema tools', () => {
      expect(translate({ tools })['tools']).toEqual([
        { name: 'weather', description: 'Current weather', input_schema: tools[0].function.parameters },
        { name: 'now', input_schema: { type: 'object', properties: {} } },
      ]);
    });

    it.each([
      ['auto', { type: 'auto' }],
      ['none', { type: 'none' }],
      ['required', { type: 'any' }],
      [
        { type: 'function', function: { name: 'weather' } },
        { type: 'tool', name: 'weather' },
      ],
    ])('translates tool_choice %j', (toolChoice, expected) => {
      expect(translate({ tools, tool_choice: toolChoice })['tool_choice']).toEqual(expected);
    });

    it('leaves tool_choice out when there are no tools', () => {
      const out = translate({ tool_choice: 'none', parallel_tool_calls: false });
      expect(out).not.toHaveProperty('tool_choice');
      expect(out).not.toHaveProperty('tools');
    });

    it('carries parallel_tool_calls: false as disable_parallel_tool_use', () => {
      expect(translate({ tools, parallel_tool_calls: false })['tool_choice']).toEqual({
        type: 'auto',
        disable_parallel_tool_use: true,
      });
      expect(
        translate({ tools, tool_choice: 'required', parallel_tool_calls: false })['tool_choice'],
      ).toEqual({
        type: 'any',
        disable_parallel_tool_use: true,
      });
    });
  });

  describe('parameters', () => {
    it('takes max_completion_tokens, then max_tokens, then the default', () => {
      expect(translate({ max_completion_tokens: 100, max_tokens: 50 })['max_tokens']).toBe(100);
      expect(translate({ max_tokens: 50 })['max_tokens']).toBe(50);
      expect(translate({})['max_tokens']).toBe(4096);
    });

    it('carries temperature, top_p, stop, stream and user', () => {
      const out = translate({
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
        stream: true,
        user: 'key_1',
        seed: 7,
      });
      expect(out).toMatchObject({
        temperature: 0.2,
        top_p: 0.9,
        stop_sequences: ['END'],
        stream: true,
        metadata: { user_id: 'key_1' },
      });
      expect(out).not.toHaveProperty('seed');
      expect(out).not.toHaveProperty('stream_options');
      expect(translate({ stop: ['a', 'b'] })['stop_sequences']).toEqual(['a', 'b']);
    });
  });

  describe('refusals', () => {
    it.each([
      [{ n: 2 }, 'unsupported_parameter', 'n'],
      [{ logprobs: true }, 'unsupported_parameter', 'logprobs'],
      [{ top_logprobs: 3 }, 'unsupported_parameter', 'logprobs'],
      [{ response_format: { type: 'json_object' } }, 'unsupported_parameter', 'response_format'],
      [{ tools: [{ type: 'custom', custom: { name: 'x' } }] }, 'unsupported_parameter', 'tools[0].type'],
      [{ messages: [] }, 'invalid_request', 'messages'],
      [
        { messages: [{ role: 'function', name: 'f', content: 'x' }] },
        'unsupported_parameter',
        'messages[0].role',
      ],
      [
        {
          messages: [
            { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{bad' } }] },
          ],
        },
        'invalid_request',
        'messages[0].tool_calls[0].function.arguments',
      ],
      [
        { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] },
        'unsupported_parameter',
        'messages[0].content[0].type',
      ],
      [{ tool_choice: 'sometimes' }, 'invalid_request', 'tool_choice'],
    ])('refuses %j', (fields, code, param) => {
      const err = refusal({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], ...fields });
      expect(err).toMatchObject({ code, param, status: 400 });
    });

    it('names the token field that is wrong', () => {
      expect(refusal({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: -1 })).toMatchObject({
        param: 'max_tokens',
      });
      expect(
        refusal({ messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 1.5 }),
      ).toMatchObject({
        param: 'max_completion_tokens',
      });
    });

    it('accepts n: 1 and logprobs: false', () => {
      expect(() => translate({ n: 1, logprobs: false })).not.toThrow();
    });
  });
});
