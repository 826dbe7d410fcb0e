import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { RequestCompletedV1Schema, Topics, type RequestCompletedV1 } from '@tollgate/contracts';
import { InMemoryEventBus } from '@tollgate/platform-bus';
import { expectEventually } from './expect-eventually';

// What a test proxy is built from: a request handler publishing its usage events to the given bus, and
// what it must close when the test ends.
export interface TestProxyParts {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close?(): Promise<void>;
}

export interface TestProxy {
  // http://127.0.0.1:<port>
  readonly origin: string;
  // Where the openai SDK points: <origin>/api/providers/openai/v1.
  readonly openAiBaseUrl: string;
  readonly bus: InMemoryEventBus;
  openai(key: string): OpenAI;
  anthropic(key: string): Anthropic;
  // Every usage event published so far, parsed with the contract schema (the producer's contract test).
  events(): RequestCompletedV1[];
  // The next event not yet returned by nextEvent: published after the response ends, so it is waited for.
  nextEvent(): Promise<RequestCompletedV1>;
  stop(): Promise<void>;
}

// A proxy on a loopback port for tests, with the official clients pointed at it and its usage events kept.
export async function startTestProxy(build: (bus: InMemoryEventBus) => TestProxyParts): Promise<TestProxy> {
  const bus = new InMemoryEventBus();
  const parts = build(bus);
  const server: Server = createServer((req, res) => void parts.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const events = () =>
    bus.published
      .filter((p) => p.topic === Topics.requestCompleted.name)
      .map((p) => RequestCompletedV1Schema.parse(p.envelope) as RequestCompletedV1);
  let returned = 0;
  return {
    origin,
    openAiBaseUrl: `${origin}/api/providers/openai/v1`,
    bus,
    openai: (key) => new OpenAI({ apiKey: key, baseURL: `${origin}/api/providers/openai/v1`, maxRetries: 0 }),
    anthropic: (key) =>
      new Anthropic({ apiKey: key, baseURL: `${origin}/api/providers/anthropic`, maxRetries: 0 }),
    events,
    nextEvent: async () => {
      const all = await expectEventually(
        () => {
          const now = events();
          if (now.length <= returned) throw new Error(`no usage event after the ${returned} seen`);
          return now;
        },
        { timeoutMs: 5_000, intervalMs: 5 },
      );
      return all[returned++] as RequestCompletedV1;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await parts.close?.();
    },
  };
}
