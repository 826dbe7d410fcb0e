// The translated output, served by a tiny local server, read by the official openai client: what a route
// caller's SDK does with it is the real test of the shapes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_TOOL_STREAM } from './anthropic-fixtures.test-support';
import { anthropicErrorToOpenAi } from './anthropic-error-to-openai';
import { anthropicToChatResponse } from './anthropic-to-chat-response';
import { AnthropicToChatStream } from './anthropic-to-chat-stream';

let reply: { status: number; contentType: string; chunks: string[] } = {
  status: 200,
  contentType: '',
  chunks: [],
};
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      for (const chunk of reply.chunks) res.write(chunk);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// The translated SSE, written in the small pieces the translator returns as its input arrives in 7-byte reads.
function translatedStream(anthropicSse: string): string[] {
  const translator = new AnthropicToChatStream({ model: 'gpt-4o', includeUsage: true });
  const bytes = Buffer.from(anthropicSse, 'utf8');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 7) out.push(translator.push(bytes.subarray(i, i + 7)));
  out.push(translator.end());
  return out.filter((chunk) => chunk !== '');
}

const messages = [{ role: 'user' as const, content: 'Weather in Paris and Rome?' }];

describe('translated output read by the openai SDK', () => {
  it('accumulates the streamed text, tool calls, finish reason and usage', async () => {
    reply = {
      status: 200,
      contentType: 'text/event-stream',
      chunks: translatedStream(ANTHROPIC_TOOL_STREAM),
    };
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages,
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.content).toBe('Je vérifie la météo 🌤️…');
    expect(completion.choices[0].message.tool_calls).toEqual([
      {
        id: 'toolu_01',
        type: 'function',
        function: { name: 'weather', arguments: '{"city": "Paris"}' },
      },
      {
        id: 'toolu_02',
        type: 'function',
        function: { name: 'weather', arguments: '{"city":"Rome"}' },
      },
    ]);
    expect(completion.usage).toMatchObject({
      prompt_tokens: 1835,
      completion_tokens: 42,
      total_tokens: 1877,
    });
  });

  it('reads the raw chunk iterator to the end ([DONE] included)', async () => {
    reply = {
      status: 200,
      contentType: 'text/event-stream',
      chunks: translatedStream(ANTHROPIC_TOOL_STREAM),
    };
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    let content = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta.content ?? '';
    }
    expect(content).toBe('Je vérifie la météo 🌤️…');
    expect(chunks).toBe(11);
  });

  it('raises an APIError on a translated mid-stream error', async () => {
    const cut = ANTHROPIC_TOOL_STREAM.indexOf('event: content_block_stop');
    const broken =
      ANTHROPIC_TOOL_STREAM.slice(0, cut) +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    reply = { status: 200, contentType: 'text/event-stream', chunks: translatedStream(broken) };
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toThrow(/Overloaded/);
  });

  it('parses a translated non-streamed completion', async () => {
    const body = anthropicToChatResponse(
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_9', name: 'weather', input: { city: 'Oslo' } }],
        stop_reason: 'tool_use',
        usage: { input_tokens: 10, output_tokens: 3 },
      },
      { model: 'gpt-4o' },
    );
    reply = { status: 200, contentType: 'application/json', chunks: [JSON.stringify(body)] };
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.choices[0].message.tool_calls?.[0]).toMatchObject({
      function: { name: 'weather', arguments: '{"city":"Oslo"}' },
    });
    expect(completion.usage?.total_tokens).toBe(13);
  });

  it('raises the typed error for a translated Anthropic error', async () => {
    const translated = anthropicErrorToOpenAi(429, {
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Slow down' },
    });
    reply = {
      status: translated.status,
      contentType: 'application/json',
      chunks: [JSON.stringify(translated.body)],
    };
    const error: unknown = await client.chat.completions
      .create({ model: 'gpt-4o', messages })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({
      code: 'rate_limit_exceeded',
      message: expect.stringContaining('Slow down'),
    });
  });
});
