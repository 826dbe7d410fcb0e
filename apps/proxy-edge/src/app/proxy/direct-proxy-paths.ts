import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { CustomProviderRoutes } from '../routing/custom-provider-routes';
import { ProxyService } from './proxy.service';

const PROVIDERS = '/api/providers/';
const CUSTOM_PROVIDERS = '/api/custom/providers/';

// Proxied requests go from node:http straight to the ProxyService, skipping Express's router and Nest's
// request pipeline (and their instrumentation): the proxy reads and answers the raw request itself, so they
// did nothing for it but cost about a fifth of its CPU per request (profiled, docs/adr/0007). Every other path
// (health, metrics) still goes through Nest. The controllers serve the same paths when this is not installed.
export function serveProxyPathsDirectly(app: INestApplication): void {
  const logger = new Logger('DirectProxyPaths');
  const server = app.getHttpServer() as Server;
  const proxy = app.get(ProxyService);
  const customRoutes = app.get(CustomProviderRoutes);
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const handled = (res: ServerResponse, handling: Promise<void>) =>
    handling.catch((error: unknown) => {
      // ProxyService answers every failure itself; this is the last line against a crash.
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    if (url.startsWith(PROVIDERS)) void handled(res, proxy.handle(req, res));
    else if (url.startsWith(CUSTOM_PROVIDERS))
      void handled(res, proxy.handle(req, res, customRoutes.resolve(req.method ?? '', url)));
    else for (const listener of framework) listener(req, res);
  });
}
