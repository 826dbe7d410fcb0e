import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from '@tollgate/providers';
import { makeRoute } from '@tollgate/testing';
import type { PlannedStep } from '../request/route-run';
import { bodyOf, clientAnswer, readText, withFirstChunk } from './step-response';

const [claude] = makeRoute({ steps: [{ provider: 'anthropic', model: 'claude-sonnet-4-6' }] }).steps;
const planned = {
  index: 0,
  step: claude,
  adapter: anthropicAdapter,
  format: 'anthropic',
} as PlannedStep;

// A body whose connection resets before its first byte.
const failing = (): AsyncIterable<Buffer> => ({
  [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('reset')) }),
});

describe('step answers', () => {
  it('fails before the first chunk (still failover-able), hands the first chunk on otherwise', async () => {
    await expect(withFirstChunk(failing())).rejects.toThrow('reset');
    const body = await withFirstChunk(bodyOf(Buffer.from('abc')));
    expect(await readText(body)).toBe('abc');
  });

  it('translates an Anthropic message into a chat completion', async () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 3, output_tokens: 1 },
    };
    const answer = await clientAnswer(planned, {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'content-length': '999' },
      body: bodyOf(Buffer.from(JSON.stringify(message))),
    });
    expect(answer.headers['content-length']).toBeUndefined();
    expect(JSON.parse(await readText(answer.body))).toMatchObject({
      object: 'chat.completion',
      model: 'claude-sonnet-4-6',
      choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
  });

  it("translates an Anthropic error into OpenAI's shape", async () => {
    const error = { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } };
    const answer = await clientAnswer(planned, {
      statusCode: 429,
      headers: {},
      body: bodyOf(Buffer.from(JSON.stringify(error))),
    });
    expect(answer.statusCode).toBe(429);
    expect(JSON.parse(await readText(answer.body))).toMatchObject({
      error: { message: 'slow down', code: 'rate_limit_exceeded' },
    });
  });

  it('translates an Anthropic stream into chat completion chunks', async () => {
    const sse = [
      `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 3, output_tokens: 0 } } })}\n\n`,
      `event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`,
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } })}\n\n`,
      `event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } })}\n\n`,
      `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
    ].join('');
    const answer = await clientAnswer(planned, {
      statusCode: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: bodyOf(Buffer.from(sse)),
    });
    const text = await readText(answer.body);
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text).toContain('"content":"Hi"');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });
});
