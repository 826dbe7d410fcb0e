import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '@tollgate/providers';
import { StreamCap } from './stream-cap';

// One token per word keeps the arithmetic visible.
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const openAiChunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 7, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const anthropicFrame = (event: string, data: object) =>
  `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
const events = (bytes: Buffer) => new SseParser().push(bytes);

describe(StreamCap.name, () => {
  it('passes a stream within its allowance through byte for byte, even split mid-frame', async () => {
    const cap = new StreamCap('openai', words, 10, () => Promise.resolve(false), 5);
    const stream = openAiChunk('one two') + openAiChunk(' three') + 'data: [DONE]\n\n';
    const out = Buffer.concat([
      await cap.push(Buffer.from(stream.slice(0, 30))),
      await cap.push(Buffer.from(stream.slice(30))),
      cap.flush(),
    ]);
    expect(out.toString()).toBe(stream);
    expect(cap.cut).toBe(false);
    expect(cap.outputTokens).toBe(3);
  });

  it('asks for more in steps, then ends an OpenAI stream with finish_reason "length" and [DONE]', async () => {
    const asked: number[] = [];
    let grants = 1;
    const cap = new StreamCap(
      'openai',
      words,
      2,
      (tokens) => (asked.push(tokens), Promise.resolve(grants-- > 0)),
      2,
    );
    const out = await cap.push(Buffer.from(['a b', ' c', ' d', ' e', ' f'].map(openAiChunk).join('')));
    expect(asked).toEqual([2, 2]);
    expect(cap.cut).toBe(true);
    const sent = events(out);
    // "a b" and " c" " d" fit in 2 + 2; " e" does not.
    expect(sent.slice(0, 3).map((e) => JSON.parse(e.data).choices[0].delta.content)).toEqual([
      'a b',
      ' c',
      ' d',
    ]);
    expect(JSON.parse(sent[3]?.data ?? '')).toMatchObject({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      choices: [{ finish_reason: 'length', delta: {} }],
    });
    expect(sent[4]?.data).toBe('[DONE]');
    expect(sent).toHaveLength(5);
    expect(await cap.push(Buffer.from(openAiChunk(' g')))).toHaveLength(0);
  });

  it('closes the open Anthropic content block and ends the message with stop_reason "max_tokens"', async () => {
    const cap = new StreamCap('anthropic', words, 2, () => Promise.resolve(false), 2);
    const stream = [
      anthropicFrame('message_start', {
        message: { id: 'msg_1', usage: { input_tokens: 5, output_tokens: 1 } },
      }),
      anthropicFrame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      anthropicFrame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'one two' } }),
      anthropicFrame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' three' } }),
    ].join('');
    const sent = events(await cap.push(Buffer.from(stream)));
    expect(sent.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(JSON.parse(sent[3]?.data ?? '')).toEqual({ type: 'content_block_stop', index: 0 });
    expect(JSON.parse(sent[4]?.data ?? '')).toMatchObject({
      delta: { stop_reason: 'max_tokens' },
      usage: { output_tokens: 2 },
    });
  });

  it('passes frames of any JSON shape on unchanged, counting only the text it recognises', async () => {
    const anyJson = fc.oneof(
      fc.jsonValue(),
      fc.record({ choices: fc.array(fc.oneof(fc.jsonValue(), fc.record({ delta: fc.jsonValue() }))) }),
      fc.record({ delta: fc.jsonValue(), index: fc.jsonValue() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('openai', 'anthropic') as fc.Arbitrary<'openai' | 'anthropic'>,
        fc.array(anyJson, { maxLength: 5 }),
        async (format, values) => {
          const cap = new StreamCap(format, words, 1_000_000, () => Promise.resolve(false), 5);
          const stream = values
            .map((v) => `event: content_block_delta\ndata: ${JSON.stringify(v)}\n\n`)
            .join('');
          const out = Buffer.concat([await cap.push(Buffer.from(stream)), cap.flush()]);
          expect(out.toString()).toBe(stream);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('counts tool-call arguments and ignores a null choice or delta', async () => {
    const cap = new StreamCap('openai', words, 100, () => Promise.resolve(false), 5);
    const chunk = {
      choices: [null, { delta: null }, { delta: { tool_calls: [null, { function: { arguments: 'a b' } }] } }],
    };
    await cap.push(Buffer.from(`data: ${JSON.stringify(chunk)}\n\ndata: null\n\n`));
    expect(cap.outputTokens).toBe(2);
  });
});
