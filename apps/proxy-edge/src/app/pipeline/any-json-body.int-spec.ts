import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryKeyDirectory, type TestProxy } from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// Whatever JSON one key holder sends on a metered route, through every stage a limited key engages
// (pricing, token counting, admission, the stream cap, settlement): the gateway answers with the
// provider's answer or a 4xx in the provider's shape, never a 5xx of its own, and records exactly one usage
// event per request. The upstream answers 200 to anything, so any 5xx would be the gateway's.
const ROUTES = [
  '/api/providers/openai/v1/chat/completions',
  '/api/providers/openai/v1/completions',
  '/api/providers/openai/v1/embeddings',
  '/api/providers/openai/v1/responses',
  '/api/providers/anthropic/v1/messages',
];

// Request-shaped JSON: the fields the stages read, holding values of any type.
const body = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.constant(true),
    fc.integer({ min: -2, max: 5 }),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('gpt-4o-mini', 'claude-3-5-haiku-20241022', 'user', 'system', 'text', 'image_url'),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(
    fc.constantFrom(
      'model',
      'messages',
      'role',
      'content',
      'type',
      'text',
      'input',
      'prompt',
      'stream',
      'stream_options',
      'include_usage',
      'max_tokens',
      'max_completion_tokens',
      'max_output_tokens',
      'n',
      'tools',
      'system',
      'instructions',
      'user',
      'image_url',
      'url',
      'name',
      'function',
      'parameters',
    ),
    tie('value'),
    { maxKeys: 6 },
  ),
})).object;

// Answers 200 to anything: a JSON completion, or a stream (with frames of odd shapes among the real ones)
// when the request asked for one.
function startAnythingGoesUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const anthropic = req.url?.includes('/messages') ?? false;
      if (asksForStream(Buffer.concat(chunks))) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(anthropic ? ANTHROPIC_STREAM : OPENAI_STREAM);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(anthropic ? ANTHROPIC_MESSAGE : CHAT_COMPLETION));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function asksForStream(body: Buffer): boolean {
  try {
    return (JSON.parse(body.toString('utf8')) as { stream?: unknown } | null)?.stream === true;
  } catch {
    return false;
  }
}

const CHAT_COMPLETION = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};
const ANTHROPIC_MESSAGE = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-3-5-haiku-20241022',
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  usage: { input_tokens: 3, output_tokens: 1 },
};
const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (choices: unknown[]) => ({ id: 'chatcmpl-1', model: 'gpt-4o-mini-2024-07-18', choices });
const OPENAI_STREAM = [
  data(chunk([{ index: 0, delta: { role: 'assistant', content: 'o' }, finish_reason: null }])),
  'data: null\n\n',
  data(chunk([null, { delta: null }])),
  data(chunk([{ index: 0, delta: { content: 'k' }, finish_reason: 'stop' }])),
  data({ ...chunk([]), usage: CHAT_COMPLETION.usage }),
  'data: [DONE]\n\n',
].join('');
const ANTHROPIC_STREAM = [
  `event: message_start\n${data({ type: 'message_start', message: { ...ANTHROPIC_MESSAGE, content: [] } })}`,
  'event: ping\ndata: null\n\n',
  `event: content_block_delta\n${data({ type: 'content_block_delta', index: 0, delta: null })}`,
  `event: content_block_delta\n${data({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } })}`,
  `event: message_delta\n${data({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } })}`,
  `event: message_stop\n${data({ type: 'message_stop' })}`,
].join('');

describe('any JSON body on a metered route', () => {
  const directory = new InMemoryKeyDirectory();
  let upstream: Server;
  let proxy: TestProxy;

  beforeAll(async () => {
    upstream = await startAnythingGoesUpstream();
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    directory.addSetting({
      id: 's-openai',
      provider: 'openai',
      setting: { url },
      secrets: { apikey: 'sk-up' },
    });
    directory.addSetting({
      id: 's-anthropic',
      provider: 'anthropic',
      setting: { url },
      secrets: { apikey: 'sk-ant' },
    });
    directory.addKey('limited-key', {
      keyId: `k-any-json-${randomUUID()}`,
      settingIds: ['s-openai', 's-anthropic'],
      limits: {
        costLimitMicroUsd: 1_000_000_000,
        rateLimits: [{ limit: 1_000_000, unit: 'm' }],
        tokenLimits: [{ limit: 1_000_000_000, unit: 'd' }],
        endStreamsAtLimit: true,
      },
    });
    proxy = await startEdgeUnderTest(directory);
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('answers the provider’s answer or a 4xx, never a 5xx, and records one event per request', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, async (route, json) => {
        const res = await fetch(`${proxy.origin}${route}`, {
          method: 'POST',
          headers: {
            authorization: 'Bearer limited-key',
            'x-api-key': 'limited-key',
            'content-type': 'application/json',
          },
          body: JSON.stringify(json),
        });
        const text = await res.text();
        sent += 1;
        expect(res.status, `${route} ${JSON.stringify(json)}`).toBeLessThan(500);
        expect(res.headers.get('x-request-id')).toBeTruthy();
        // A stream reaches the client whole, odd frames included.
        if (res.headers.get('content-type')?.includes('event-stream'))
          expect(
            text.endsWith(route.includes('/messages') ? ANTHROPIC_STREAM.slice(-40) : 'data: [DONE]\n\n'),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Each event is published once its response has ended: wait for the last ones.
    await expect.poll(() => proxy.events().length, { timeout: 10_000 }).toBe(sent);
    expect(new Set(proxy.events().map((e) => e.payload.requestId)).size).toBe(sent);
  });
});
