import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

// How a fake provider fails the next request instead of answering it (routes' retries and failover): an
// error status (with Retry-After), a hang, a connection reset before the headers, after them (before any
// body byte), or in the middle of a stream (after its first chunk).
export type FakeFailure =
  | { status: number; retryAfter?: string }
  | { hangMs: number }
  | { reset: 'before_headers' | 'after_headers' | 'during_stream' };

// A loopback HTTP server that records every request (headers and exact bytes) before a subclass answers it:
// the base of the fake providers.
export abstract class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private readonly failures: FakeFailure[] = [];

  // The next requests fail this way, in order; then answering resumes.
  failNext(...failures: FakeFailure[]): void {
    this.failures.push(...failures);
  }

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake upstream not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const request = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: raw.toString('utf8'),
          raw,
        };
        this.requests.push(request);
        // Providers name each response (OpenAI's x-request-id, which their support asks for).
        res.setHeader('x-request-id', `req_fake${this.requests.length}`);
        const failure = this.failures.shift();
        void (failure ? failWith(failure, res) : this.answer(request, res));
      });
    });
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  protected abstract answer(request: RecordedRequest, res: ServerResponse): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve, reject) => res.write(text, (error) => (error ? reject(error) : resolve())));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function failWith(failure: FakeFailure, res: ServerResponse): Promise<void> {
  if ('status' in failure) {
    const body = JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'fake failure' } });
    const retryAfter = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
    res.writeHead(failure.status, { 'content-type': 'application/json', ...retryAfter });
    return void res.end(body);
  }
  if ('hangMs' in failure) {
    await sleep(failure.hangMs);
    return void res.destroy();
  }
  if (failure.reset === 'before_headers') return void res.destroy();
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
  if (failure.reset === 'during_stream')
    await write(
      res,
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Half' }, finish_reason: null }] })}\n\n`,
    );
  await sleep(20);
  res.destroy();
}
