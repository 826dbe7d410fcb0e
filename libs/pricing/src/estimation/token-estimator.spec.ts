import { describe, expect, it } from 'vitest';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { contentText, estimatePromptTokens, tokenCounter } from './token-estimator';

describe('token estimation', () => {
  it('uses o200k for gpt-4o and newer, cl100k for gpt-4 and gpt-3.5', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, twice: über-naïve façade!';
    expect((await tokenCounter('gpt-4o-mini'))(text)).toBe(o200k(text).length);
    expect((await tokenCounter('gpt-4.1'))(text)).toBe(o200k(text).length);
    expect((await tokenCounter('gpt-4-0613'))(text)).toBe(cl100k(text).length);
    expect((await tokenCounter('gpt-3.5-turbo'))(text)).toBe(cl100k(text).length);
    expect((await tokenCounter('gpt-4o'))('')).toBe(0);
  });

  it('counts chat messages with the cookbook overhead (3 per message, 1 per name, 3 for the reply)', async () => {
    const count = await tokenCounter('gpt-4o');
    const request = {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', name: 'ann', content: 'Hello there' },
      ],
    };
    const n = (s: string) => o200k(s).length;
    const expected =
      3 + n('You are terse.') + n('system') + 3 + n('Hello there') + n('user') + 1 + n('ann') + 3;
    expect(estimatePromptTokens(count, request)).toBe(expected);
  });

  it('counts tool definitions and the tool calls of earlier assistant turns', async () => {
    const count = await tokenCounter('gpt-4o');
    const tools = [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }];
    const toolCalls = [
      { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
    ];
    const request = { messages: [{ role: 'assistant', content: null, tool_calls: toolCalls }], tools };
    const n = (s: string) => o200k(s).length;
    expect(estimatePromptTokens(count, request)).toBe(
      3 + n('assistant') + n(JSON.stringify(toolCalls)) + 3 + n(JSON.stringify(tools)),
    );
  });

  it('counts text parts of content arrays, prompts, inputs and Anthropic system prompts', async () => {
    const count = await tokenCounter('gpt-4o');
    expect(
      contentText([{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }]),
    ).toBe('ab');
    expect(estimatePromptTokens(count, { prompt: 'Say hi' })).toBe(o200k('Say hi').length);
    expect(estimatePromptTokens(count, { input: ['one', 'two'] })).toBe(
      o200k('one').length + o200k('two').length,
    );
    expect(estimatePromptTokens(count, { system: 'Be brief', messages: [] })).toBe(
      o200k('Be brief').length + 3,
    );
  });
});
