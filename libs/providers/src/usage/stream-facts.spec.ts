import { describe, expect, it } from 'vitest';
import { finishReasonsOfJson } from './response-model';
import { USAGE_READERS } from './usage-readers';

const sse = (frames: unknown[]) =>
  frames.map((frame) => `data: ${typeof frame === 'string' ? frame : JSON.stringify(frame)}\n\n`).join('');
const eventSse = (frames: [string, unknown][]) =>
  frames.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');

// Fed in small pieces, as the relay's chunks arrive: frames split anywhere.
function factsOf(format: keyof typeof USAGE_READERS, stream: string) {
  const collector = USAGE_READERS[format].streamCollector();
  const bytes = new TextEncoder().encode(stream);
  for (let i = 0; i < bytes.length; i += 5) collector.push(bytes.subarray(i, i + 5));
  return collector.responseFacts?.();
}

const chunk = (choices: unknown[]) => ({
  id: 'chatcmpl-abc',
  object: 'chat.completion.chunk',
  model: 'gpt-4o-mini-2024-07-18',
  choices,
});

describe('what a stream says about its response', () => {
  it('reads an OpenAI chat stream’s id, model and the finish reason of every choice, in index order', () => {
    const stream = sse([
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      chunk([{ index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      chunk([{ index: 1, delta: { content: 'Hi' }, finish_reason: null }]),
      chunk([{ index: 1, delta: {}, finish_reason: 'length' }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      { ...chunk([]), usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
      '[DONE]',
    ]);
    expect(factsOf('openai', stream)).toEqual({
      id: 'chatcmpl-abc',
      model: 'gpt-4o-mini-2024-07-18',
      finishReasons: ['stop', 'length'],
    });
  });

  it('reads an Anthropic stream’s message id, model and stop reason', () => {
    const stream = eventSse([
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_01',
            model: 'claude-3-5-haiku-20241022',
            usage: { input_tokens: 9, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      ],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 4 } },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
    expect(factsOf('anthropic', stream)).toEqual({
      id: 'msg_01',
      model: 'claude-3-5-haiku-20241022',
      finishReasons: ['max_tokens'],
    });
  });

  it('reads the Responses API’s response id and model from response.created', () => {
    const stream = eventSse([
      ['response.created', { type: 'response.created', response: { id: 'resp_1', model: 'gpt-4.1' } }],
      ['response.output_text.delta', { type: 'response.output_text.delta', delta: 'Hi' }],
    ]);
    expect(factsOf('responses', stream)).toEqual({ id: 'resp_1', model: 'gpt-4.1', finishReasons: [] });
  });

  it('keeps nothing from frames that are not JSON objects', () => {
    expect(factsOf('openai', sse(['not json', '42', 'null', '[DONE]']))).toEqual({
      id: '',
      model: '',
      finishReasons: [],
    });
  });
});

describe('why a JSON response ended', () => {
  it('reads every choice’s finish reason, or Anthropic’s stop reason', () => {
    expect(
      finishReasonsOfJson({ choices: [{ finish_reason: 'stop' }, { finish_reason: 'tool_calls' }] }),
    ).toEqual(['stop', 'tool_calls']);
    expect(finishReasonsOfJson({ type: 'message', stop_reason: 'end_turn' })).toEqual(['end_turn']);
    expect(finishReasonsOfJson({ data: [] })).toEqual([]);
    expect(finishReasonsOfJson(null)).toEqual([]);
  });
});
