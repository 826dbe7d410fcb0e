// The benchmarks' LLM provider, in a process of its own: OpenAI chat completions (JSON, or SSE when the
// request streams) and embeddings, answered from prebuilt bytes so that it costs as little as it can.
// UPSTREAM_LATENCY_MS: wait before answering; UPSTREAM_STREAM_CHUNKS and UPSTREAM_CHUNK_INTERVAL_MS: the stream's
// cadence (the first chunk at once); UPSTREAM_COMPLETION_WORDS: the size of a completion.
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.env['PORT'] ?? 19101);
const latencyMs = Number(process.env['UPSTREAM_LATENCY_MS'] ?? 0);
const streamChunks = Number(process.env['UPSTREAM_STREAM_CHUNKS'] ?? 20);
const chunkIntervalMs = Number(process.env['UPSTREAM_CHUNK_INTERVAL_MS'] ?? 5);
const completionWords = Number(process.env['UPSTREAM_COMPLETION_WORDS'] ?? 50);

const usage = { prompt_tokens: 20, completion_tokens: completionWords, total_tokens: 20 + completionWords };
const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1764633600,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'word '.repeat(completionWords).trim() },
        finish_reason: 'stop',
      },
    ],
    usage,
  }),
);
const chunkOf = (delta: object, finish: string | null, withUsage: object | null = null) =>
  Buffer.from(
    `data: ${JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1764633600,
      model: 'gpt-4o-mini-2024-07-18',
      choices: withUsage ? [] : [{ index: 0, delta, finish_reason: finish }],
      ...(withUsage ? { usage: withUsage } : {}),
    })}\n\n`,
  );
const wordsPerChunk = Math.max(1, Math.ceil(completionWords / streamChunks));
const streamBody = Array.from({ length: streamChunks }, (_, i) =>
  chunkOf(
    i === 0
      ? { role: 'assistant', content: 'word '.repeat(wordsPerChunk) }
      : { content: 'word '.repeat(wordsPerChunk) },
    null,
  ),
);
const streamEnd = Buffer.concat([
  chunkOf({}, 'stop'),
  chunkOf({}, null, usage),
  Buffer.from('data: [DONE]\n\n'),
]);
const embedding = Buffer.from(
  JSON.stringify({
    object: 'list',
    data: [
      {
        object: 'embedding',
        index: 0,
        embedding: Array.from({ length: 1536 }, (_, i) => Number(Math.sin(i).toFixed(8))),
      },
    ],
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 20, total_tokens: 20 },
  }),
);

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [i, chunk] of streamBody.entries()) {
    if (i > 0 && chunkIntervalMs > 0) await later(chunkIntervalMs);
    res.write(chunk);
  }
  res.end(streamEnd);
}

function json(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (chunk: Buffer) => parts.push(chunk));
  req.on('end', () => {
    void (async () => {
      if (latencyMs > 0) await later(latencyMs);
      const url = req.url ?? '';
      if (url.endsWith('/embeddings')) return json(res, embedding);
      if (!url.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      // The benchmark's clients send compact JSON: the flag is found without parsing 8k-token prompts.
      if (Buffer.concat(parts).includes('"stream":true')) return stream(res);
      return json(res, completion);
    })();
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
