import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { PriceEntry } from '@tollgate/pricing';
import { PriceCatalog } from '@tollgate/pricing';
import { makeKey } from '@tollgate/testing';
import type {
  Access,
  Admission,
  Authorized,
  ProviderSettingView,
  ProxiedRequest,
  RequestContext,
  Routed,
} from '../request/request-context';
import { ServerTiming } from '../request/server-timing';
import { matchRoute } from '../routing/route-matcher';

export interface RequestInit {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// A response that keeps what the stage wrote: status, headers and body bytes.
export class RecordedResponse extends EventEmitter {
  statusCode = 0;
  headers: Record<string, unknown> = {};
  readonly chunks: Buffer[] = [];
  headersSent = false;
  writableFinished = false;
  destroyed = false;

  setHeader(name: string, value: unknown): void {
    this.headers[name.toLowerCase()] = value;
  }

  writeHead(status: number, headers: Record<string, unknown> = {}): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  write(chunk: Buffer | string): boolean {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  end(chunk?: Buffer | string): this {
    if (chunk) this.write(chunk);
    this.writableFinished = true;
    return this;
  }

  destroy(): this {
    this.destroyed = true;
    return this;
  }

  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

// A request as node:http hands it over: its body is read as a stream.
export function requestOf(init: RequestInit = {}): IncomingMessage {
  const body = init.body === undefined ? [] : [Buffer.from(init.body)];
  return Object.assign(Readable.from(body), {
    method: init.method ?? 'POST',
    url: init.url ?? '/api/providers/openai/v1/chat/completions',
    headers: init.headers ?? {},
  }) as unknown as IncomingMessage;
}

export function contextOf(init: RequestInit = {}): RequestContext & { res: ServerResponse } {
  const res = new RecordedResponse();
  return {
    requestId: '00000000-0000-4000-8000-000000000001',
    req: requestOf(init),
    res: res as unknown as ServerResponse,
    timing: new ServerTiming(),
    receivedAt: performance.now(),
  };
}

export function recordedResponseOf(ctx: RequestContext): RecordedResponse {
  return ctx.res as unknown as RecordedResponse;
}

// A context through the route stage, for the method and path given.
export function routedContext(init: RequestInit = {}): Routed {
  const ctx = contextOf(init);
  const lookup = matchRoute(ctx.req.method ?? '', ctx.req.url ?? '');
  if (!('match' in lookup)) throw new Error(`no route for ${ctx.req.url}`);
  return Object.assign(ctx, { provider: lookup.match.route.provider, route: lookup.match });
}

export function settingOf(overrides: Partial<ProviderSettingView> = {}): ProviderSettingView {
  return {
    id: 's1',
    provider: 'openai',
    setting: { url: 'http://upstream.test' },
    secrets: { apikey: 'sk-up' },
    allowedModels: [],
    costMap: null,
    ...overrides,
  };
}

export function proxiedRequestOf(overrides: Partial<ProxiedRequest> = {}): ProxiedRequest {
  return {
    timeoutMs: 60_000,
    model: 'gpt-4o',
    stream: false,
    userId: '',
    json: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
    bytes: Buffer.from('{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}'),
    upload: null,
    stripUsageChunk: false,
    log: null,
    ...overrides,
  };
}

// A context through the authorize stage: the key, its request and the setting chosen.
export function authorizedContext(
  init: RequestInit = {},
  parts: { request?: Partial<ProxiedRequest>; access?: Partial<Access> } = {},
): Authorized {
  const routed = routedContext(init);
  const request = proxiedRequestOf(parts.request);
  const access: Access = { setting: settingOf(), user: null, model: request.model, ...parts.access };
  return Object.assign(routed, { key: makeKey({ keyId: 'k1', settingIds: ['s1'] }), request, access });
}

export const NOTHING_HELD: Admission = { charge: null, streamGuard: null, release: () => undefined };

export function seedPrice(provider: string, model: string): PriceEntry {
  const price = PriceCatalog.seed().resolve(provider, model);
  if (!price) throw new Error(`${provider}/${model} is not in the seed catalog`);
  return price;
}
