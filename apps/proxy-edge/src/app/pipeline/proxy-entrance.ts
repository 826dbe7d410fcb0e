import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { answerProxyCors } from './proxy-cors';
import { ProxyPipeline } from './proxy-pipeline';

// The paths the proxy serves; everything else on this port (health, metrics) is Nest's.
const PROXY_PREFIXES = ['/api/providers/', '/api/custom/providers/', '/api/routes/', '/api/route/'];

export function isProxyPath(url: string): boolean {
  return PROXY_PREFIXES.some((prefix) => url.startsWith(prefix));
}

// The one entrance of proxied requests: from node:http straight to the pipeline, skipping Express's router
// and Nest's request pipeline (and their instrumentation), which did nothing for a proxy that reads and
// answers the raw request itself but cost about a fifth of its CPU per request (profiled, docs/adr/0007).
export function installProxyEntrance(app: INestApplication): void {
  const logger = new Logger('ProxyEntrance');
  const server = app.getHttpServer() as Server;
  const pipeline = app.get(ProxyPipeline);
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Every path, as BricksLLM: a preflight is answered here, before routing and authentication.
    if (answerProxyCors(req, res)) return;
    if (isProxyPath(req.url ?? '')) {
      pipeline.handle(req, res).catch((error: unknown) => {
        // The pipeline answers every failure itself; this is the last line against a crash.
        logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    // Every response of this port carries a request id, the framework's too.
    res.setHeader('x-request-id', randomUUID());
    for (const listener of framework) listener(req, res);
  });
}
