import { describe, expect, it } from 'vitest';
import { openAiAdapter } from './openai.adapter';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('openAiAdapter', () => {
  it('reads usage from a chat.completion body, details included', () => {
    const body = {
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 8, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    };
    expect(openAiAdapter.usageFromJson(body)).toEqual({
      promptTokens: 19,
      completionTokens: 10,
      cachedPromptTokens: 8,
      reasoningTokens: 4,
      totalTokens: 29,
    });
  });

  it('defaults missing details to 0 and reports none when usage is absent', () => {
    expect(openAiAdapter.usageFromJson({ usage: { prompt_tokens: 3, completion_tokens: 2 } })).toEqual({
      promptTokens: 3,
      completionTokens: 2,
      cachedPromptTokens: 0,
      reasoningTokens: 0,
      totalTokens: 5,
    });
    expect(openAiAdapter.usageFromJson({ id: 'x' })).toBeNull();
    expect(openAiAdapter.usageFromJson(null)).toBeNull();
  });

  it('finds usage in the final SSE chunk', () => {
    const collector = openAiAdapter.streamUsageCollector();
    const stream =
      'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\n' +
      'data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1,"total_tokens":8}}\n\n' +
      'data: [DONE]\n\n';
    for (const piece of stream.match(/[\s\S]{1,13}/g) ?? []) collector.push(bytes(piece));
    expect(collector.usage()).toEqual({
      promptTokens: 7,
      completionTokens: 1,
      cachedPromptTokens: 0,
      reasoningTokens: 0,
      totalTokens: 8,
    });
  });

  it('reports no usage for a stream without the usage chunk', () => {
    const collector = openAiAdapter.streamUsageCollector();
    collector.push(bytes('data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\ndata: [DONE]\n\n'));
    expect(collector.usage()).toBeNull();
  });

  it('sends the setting api key as a bearer token', () => {
    expect(openAiAdapter.authHeaders({ apikey: 'sk-1' })).toEqual({ authorization: 'Bearer sk-1' });
  });
});
