import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

// Vitest gives every module its __dirname.
const TESTING = resolve(__dirname, '../../../../../libs/testing/src');

export interface ThreadedUpstream {
  baseUrl: string;
  stop(): Promise<void>;
}

// libs/testing's fake OpenAI upstream, run in a worker thread of its own: a provider lives on another machine,
// and its parsing of megabyte bodies must not count as the gateway's work when the gateway's event loop is
// measured.
export async function startThreadedFakeOpenAi(): Promise<ThreadedUpstream> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-openai-'));
  // Bundled, so that whatever the fake imports from libs/testing comes along.
  buildSync({
    entryPoints: [join(TESTING, 'fake-openai.upstream.ts')],
    outfile: join(dir, 'fake-openai.upstream.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { FakeOpenAiUpstream } = require(${JSON.stringify(join(dir, 'fake-openai.upstream.js'))});
     const upstream = new FakeOpenAiUpstream();
     upstream.willReply({ content: 'ok', promptTokens: 10, completionTokens: 2 });
     upstream.start().then(() => parentPort.postMessage(upstream.baseUrl));`,
    { eval: true },
  );
  const baseUrl = await new Promise<string>((done, fail) => worker.once('message', done).once('error', fail));
  return {
    baseUrl,
    stop: async () => {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A provider that reads and discards every request body and answers one fixed chat completion (with its
// usage), from a worker thread: on a 2-core machine the fake's parsing of megabyte bodies would otherwise
// compete for the cores whose stall the test measures.
export async function startThreadedDrainingProvider(): Promise<ThreadedUpstream> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const { createServer } = require('node:http');
     const answer = JSON.stringify({
       id: 'chatcmpl-drained', object: 'chat.completion', created: 0, model: 'gpt-4o-mini',
       choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
       usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
     });
     const server = createServer((req, res) => {
       req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
     });
     server.listen(0, '127.0.0.1', () => parentPort.postMessage('http://127.0.0.1:' + server.address().port));`,
    { eval: true },
  );
  const baseUrl = await new Promise<string>((done, fail) => worker.once('message', done).once('error', fail));
  return { baseUrl, stop: () => worker.terminate().then(() => undefined) };
}
