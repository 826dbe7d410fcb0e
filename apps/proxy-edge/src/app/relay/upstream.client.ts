import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

// One pooled keep-alive agent for every upstream: connection reuse is most of a proxy's speed.
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 256,
  });

  send(
    url: string,
    options: {
      method: Dispatcher.HttpMethod;
      headers: Record<string, string>;
      body: Buffer | Readable | undefined;
      signal: AbortSignal;
    },
  ): Promise<Dispatcher.ResponseData> {
    return request(url, {
      dispatcher: this.agent,
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal: options.signal,
      // The overall deadline is the signal's; these only stop undici's shorter defaults from firing first.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
