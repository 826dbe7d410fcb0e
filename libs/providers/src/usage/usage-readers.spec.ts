import { describe, expect, it } from 'vitest';
import { USAGE_READERS } from './usage-readers';

const bytes = (s: string) => new TextEncoder().encode(s);
const feed = (format: keyof typeof USAGE_READERS, stream: string, pieceSize = 7) => {
  const collector = USAGE_READERS[format].streamCollector();
  for (let i = 0; i < stream.length; i += pieceSize) collector.push(bytes(stream.slice(i, i + pieceSize)));
  return collector.usage();
};

describe('OpenAI usage', () => {
  it('reads chat usage with cached, cache-write and reasoning details', () => {
    const body = {
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 8, cache_write_tokens: 3 },
        completion_tokens_details: { reasoning_tokens: 4 },
      },
    };
    expect(USAGE_READERS.openai.fromJson(body)).toEqual({
      promptTokens: 19,
      completionTokens: 10,
      cachedPromptTokens: 8,
      cacheWriteTokens: 3,
      reasoningTokens: 4,
      totalTokens: 29,
    });
  });

  it('reads embeddings usage (no completion tokens) and reports none when absent', () => {
    expect(USAGE_READERS.openai.fromJson({ usage: { prompt_tokens: 8, total_tokens: 8 } })).toMatchObject({
      promptTokens: 8,
      completionTokens: 0,
      totalTokens: 8,
    });
    expect(USAGE_READERS.openai.fromJson({ id: 'x' })).toBeNull();
    expect(USAGE_READERS.openai.fromJson(null)).toBeNull();
  });

  it('takes the usage of the final stream chunk, wherever the chunks split', () => {
    const stream =
      'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\n' +
      'data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1,"total_tokens":8}}\n\n' +
      'data: [DONE]\n\n';
    for (const size of [1, 5, 13, 1000])
      expect(feed('openai', stream, size)).toMatchObject({ promptTokens: 7, completionTokens: 1 });
    expect(feed('openai', 'data: {"choices":[],"usage":null}\n\ndata: [DONE]\n\n')).toBeNull();
  });
});

describe('Responses usage', () => {
  it('reads input/output tokens from the body and from response.completed', () => {
    const usage = {
      input_tokens: 20,
      output_tokens: 9,
      total_tokens: 29,
      input_tokens_details: { cached_tokens: 5 },
      output_tokens_details: { reasoning_tokens: 2 },
    };
    const expected = {
      promptTokens: 20,
      completionTokens: 9,
      cachedPromptTokens: 5,
      reasoningTokens: 2,
      totalTokens: 29,
    };
    expect(USAGE_READERS.responses.fromJson({ object: 'response', usage })).toMatchObject(expected);
    const stream =
      'event: response.created\ndata: {"type":"response.created","response":{"usage":null}}\n\n' +
      `event: response.completed\ndata: {"type":"response.completed","response":{"usage":${JSON.stringify(usage)}}}\n\n`;
    expect(feed('responses', stream)).toMatchObject(expected);
  });
});

describe('Anthropic usage', () => {
  it('adds cache reads and writes to the prompt tokens', () => {
    const body = {
      usage: {
        input_tokens: 12,
        output_tokens: 6,
        cache_read_input_tokens: 2048,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 40, ephemeral_1h_input_tokens: 60 },
      },
    };
    expect(USAGE_READERS.anthropic.fromJson(body)).toEqual({
      promptTokens: 2160,
      completionTokens: 6,
      cachedPromptTokens: 2048,
      cacheWriteTokens: 100,
      // The 1-hour part of the cache writes, billed at its own price.
      cacheWrite1hTokens: 60,
      reasoningTokens: 0,
      totalTokens: 2166,
    });
  });

  it('merges message_start and cumulative message_delta usage, never adding', () => {
    const stream =
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":25,"cache_read_input_tokens":1800,"cache_creation_input_tokens":0,"output_tokens":1}}}\n\n' +
      'event: ping\ndata: {"type":"ping"}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":3}}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":7,"input_tokens":null}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    expect(feed('anthropic', stream, 11)).toEqual({
      promptTokens: 1825,
      completionTokens: 7,
      cachedPromptTokens: 1800,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
      totalTokens: 1832,
    });
  });
});

describe('no usage', () => {
  it('reports none', () => {
    expect(USAGE_READERS.none.fromJson({ usage: { prompt_tokens: 1 } })).toBeNull();
  });
});

describe('generated text, for estimation', () => {
  it('collects streamed text of every format', () => {
    const collect = (format: keyof typeof USAGE_READERS, stream: string) => {
      const collector = USAGE_READERS[format].streamCollector();
      for (let i = 0; i < stream.length; i += 9) collector.push(bytes(stream.slice(i, i + 9)));
      return collector.text();
    };
    expect(
      collect(
        'openai',
        'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]\n\n',
      ),
    ).toBe('Hello');
    expect(
      collect(
        'anthropic',
        'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Bon"}}\n\n' +
          'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"jour"}}\n\n',
      ),
    ).toBe('Bonjour');
    expect(
      collect(
        'responses',
        'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Hi"}\n\n',
      ),
    ).toBe('Hi');
    expect(
      collect('anthropic_legacy', 'event: completion\ndata: {"type":"completion","completion":" Hello"}\n\n'),
    ).toBe(' Hello');
  });

  it('reads the generated text of JSON bodies', () => {
    expect(
      USAGE_READERS.openai.textFromJson({
        choices: [{ message: { content: 'a' } }, { message: { content: 'b' } }],
      }),
    ).toBe('ab');
    expect(
      USAGE_READERS.anthropic.textFromJson({ content: [{ type: 'text', text: 'x' }, { type: 'tool_use' }] }),
    ).toBe('x');
    expect(
      USAGE_READERS.responses.textFromJson({ output: [{ content: [{ type: 'output_text', text: 'y' }] }] }),
    ).toBe('y');
    expect(USAGE_READERS.anthropic_legacy.textFromJson({ completion: 'z' })).toBe('z');
    expect(USAGE_READERS.anthropic_legacy.fromJson({ completion: 'z' })).toBeNull();
  });
});

describe('Assistants run usage', () => {
  const run = (status: string, usage: unknown) => ({ id: 'run_1', object: 'thread.run', status, usage });

  it('reads a run object’s usage once it has ended, and none before', () => {
    expect(
      USAGE_READERS.assistants.fromJson(
        run('completed', { prompt_tokens: 300, completion_tokens: 40, total_tokens: 340 }),
      ),
    ).toMatchObject({ promptTokens: 300, completionTokens: 40, totalTokens: 340 });
    expect(USAGE_READERS.assistants.fromJson(run('queued', null))).toBeNull();
    expect(USAGE_READERS.assistants.fromJson({ object: 'list', data: [] })).toBeNull();
  });

  it('takes a stream’s usage from the run’s terminal event, never from a step’s', () => {
    const step = {
      id: 'step_1',
      object: 'thread.run.step',
      usage: { prompt_tokens: 5, completion_tokens: 1 },
    };
    const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    const paused =
      frame('thread.run.created', run('queued', null)) +
      frame('thread.run.step.completed', step) +
      frame('thread.run.requires_action', run('requires_action', null)) +
      'event: done\ndata: [DONE]\n\n';
    expect(feed('assistants', paused)).toBeNull();
    const ended =
      paused.replace('event: done\ndata: [DONE]\n\n', '') +
      frame(
        'thread.run.completed',
        run('completed', { prompt_tokens: 90, completion_tokens: 12, total_tokens: 102 }),
      );
    expect(feed('assistants', ended)).toMatchObject({ promptTokens: 90, completionTokens: 12 });
  });
});
