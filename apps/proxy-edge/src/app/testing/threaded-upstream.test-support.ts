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
