import { request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryKeyDirectory, type TestProxy } from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';
import {
  startThreadedDrainingProvider,
  type ThreadedUpstream,
} from '../testing/threaded-upstream.test-support';

// Megabyte prompts of every shape, on a key with a spend limit (so admission counts their tokens to reserve
// them), must not stall anyone else: small requests of another key, sent every 10 ms meanwhile through the
// same pipeline, are each answered within 100 ms.
// STALL_PROMPT_BYTES and STALL_ROUNDS change the load, to measure the code before this test (docs/adr/0011).
const MB = Number(process.env['STALL_PROMPT_BYTES'] ?? 1024 * 1024);
const ROUNDS = Number(process.env['STALL_ROUNDS'] ?? 3);
const STALL_LIMIT_MS = 100;

// Deterministic letters, so every run sends the same prompts.
function letters(n: number, seed: number): string {
  let x = seed;
  let text = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(97 + (x % 26));
  }
  return text;
}

const chatOf = (content: unknown, extra: object = {}) =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });

// A schema nested as deep as the gateway allows, repeated to a megabyte.
function deepTools(): object[] {
  let schema: object = { type: 'string', description: letters(200, 3) };
  for (let level = 0; level < 25; level++) schema = { type: 'object', properties: { next: schema } };
  const tool = { type: 'function', function: { name: 'deep', parameters: schema } };
  const size = JSON.stringify(tool).length;
  return Array.from({ length: Math.ceil(MB / size) }, () => tool);
}

const SHAPES: Record<string, string> = {
  'one word of random letters (no spaces)': chatOf(letters(MB, 1)),
  'one repeated character': chatOf('a'.repeat(MB)),
  'random letters in words': chatOf(Array.from({ length: MB / 8 }, (_, i) => letters(7, i + 7)).join(' ')),
  'random letters, mixed case and digits, in long words': chatOf(
    Array.from({ length: MB / 200 }, (_, i) =>
      letters(199, i).replace(/[aeiou]/g, (c) => c.toUpperCase() + '7'),
    ).join(' '),
  ),
  'deep JSON (tools nested 50 levels)': chatOf('hi', { tools: deepTools() }),
  'deep JSON (a megabyte of nesting)': `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${'['.repeat(MB / 2)}${']'.repeat(MB / 2)}}]}`,
};

// The big requests leave from a worker thread: building and writing megabytes is the client's work, which
// must not count as the gateway's stall.
const SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const { request } = require('node:http');
const { origin, shapes, rounds } = workerData;
const send = (body) => new Promise((resolve) => {
  const sent = request(origin + '/api/providers/openai/v1/chat/completions', {
    method: 'POST', agent: false, headers: { authorization: 'Bearer big-key', 'content-type': 'application/json' },
  }, (response) => response.resume().on('end', () => resolve(response.statusCode)));
  // A connection the gateway broke off counts as status 0.
  sent.on('error', () => resolve(0)).end(body);
});
(async () => {
  const statuses = {};
  for (let round = 0; round < rounds; round++)
    await Promise.all(Object.entries(shapes).map(async ([shape, body]) => (statuses[shape] ??= []).push(await send(body))));
  parentPort.postMessage(statuses);
})();
`;

// Other requests are timed from a thread of their own too, so a stalled gateway cannot also stall the clock
// that measures it: a small request every 10 ms (at most 20 waiting), each timed to its answer.
const PINGER = `
const { workerData, parentPort } = require('node:worker_threads');
const { request } = require('node:http');
const { origin, body } = workerData;
const latencies = [];
const statuses = [];
let waiting = 0;
let stopping = false;
const ping = () => {
  waiting++;
  const sent = performance.now();
  const done = (status) => { latencies.push(performance.now() - sent); statuses.push(status); waiting--; };
  request(origin + '/api/providers/openai/v1/chat/completions', {
    method: 'POST', agent: false, headers: { authorization: 'Bearer small-key', 'content-type': 'application/json' },
  }, (response) => response.resume().on('end', () => done(response.statusCode))).on('error', () => done(0)).end(body);
};
const timer = setInterval(() => {
  if (!stopping && waiting < 20) ping();
  if (stopping && waiting === 0) { clearInterval(timer); parentPort.postMessage({ latencies, statuses }); }
}, 10);
parentPort.once('message', () => (stopping = true));
`;

interface Pings {
  latencies: number[];
  statuses: number[];
}

function pingFromAnotherThread(origin: string, body: string): { stop(): Promise<Pings> } {
  const worker = new Worker(PINGER, { eval: true, workerData: { origin, body } });
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        worker.once('message', (pings: Pings) => void worker.terminate().then(() => resolve(pings)));
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}

function sendFromAnotherThread(origin: string, rounds: number): Promise<Record<string, number[]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SENDER, { eval: true, workerData: { origin, shapes: SHAPES, rounds } });
    worker.once(
      'message',
      (statuses: Record<string, number[]>) => void worker.terminate().then(() => resolve(statuses)),
    );
    worker.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

describe('event loop under megabyte prompts (real pipeline, spend-limited key)', () => {
  const directory = new InMemoryKeyDirectory();
  let upstream: ThreadedUpstream;
  let otherUpstream: ThreadedUpstream;
  let proxy: TestProxy;

  beforeAll(async () => {
    // The provider answers from threads of its own, as it would from its own machines: the small requests
    // from one that is not also reading the megabyte bodies (its queue is not the gateway's stall), and
    // neither parses what it receives (its CPU would be taken from the gateway's two cores).
    upstream = await startThreadedDrainingProvider();
    otherUpstream = await startThreadedDrainingProvider();
    directory.addSetting({ id: 's1', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addSetting({
      id: 's2',
      provider: 'openai',
      setting: { url: otherUpstream.baseUrl },
      secrets: {},
    });
    directory.addKey('big-key', {
      keyId: 'big',
      settingIds: ['s1'],
      limits: { costLimitMicroUsd: 10_000_000_000 },
    });
    directory.addKey('small-key', { keyId: 'small', settingIds: ['s2'] });
    proxy = await startEdgeUnderTest(directory);
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
    await otherUpstream.stop();
  });

  // A small request, sent lean (node:http, no web streams) so the measure is the gateway's, not the client's.
  // One connection each (no keep-alive race after a long stall); a broken connection counts as status 0.
  const send = (key: string, body: string): Promise<number> =>
    new Promise((resolve) => {
      const sent = request(
        `${proxy.origin}/api/providers/openai/v1/chat/completions`,
        {
          method: 'POST',
          agent: false,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        },
        (response) => response.resume().on('end', () => resolve(response.statusCode ?? 0)),
      );
      sent.on('error', () => resolve(0)).end(body);
    });

  it('answers other requests within 100 ms while megabyte prompts of every shape are in flight', async () => {
    const small = chatOf('ping');
    // Warm up: encodings loaded, code paths compiled.
    for (let i = 0; i < 3; i++)
      await Promise.all([send('small-key', small), send('big-key', chatOf(letters(20_000, i)))]);

    const pinger = pingFromAnotherThread(proxy.origin, small);
    const started = performance.now();
    const statuses = await sendFromAnotherThread(proxy.origin, ROUNDS);
    const busyMs = performance.now() - started;
    const { latencies, statuses: pinged } = await pinger.stop();
    expect(new Set(pinged)).toEqual(new Set([200]));

    const sorted = [...latencies].sort((a, b) => a - b);
    const figures = {
      bigRequests: ROUNDS * Object.keys(SHAPES).length,
      busyMs: Math.round(busyMs),
      pings: sorted.length,
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
      max: Math.round(sorted.at(-1) ?? 0),
    };
    console.log(`stall figures: ${JSON.stringify(figures)} statuses: ${JSON.stringify(statuses)}`);
    expect(statuses['deep JSON (a megabyte of nesting)']).toEqual(Array(ROUNDS).fill(400));
    for (const [shape, codes] of Object.entries(statuses))
      if (!shape.includes('megabyte of nesting')) expect(codes, shape).toEqual(Array(ROUNDS).fill(200));
    expect(figures.pings).toBeGreaterThan(10);
    expect(figures.max).toBeLessThan(STALL_LIMIT_MS);
  });
});
