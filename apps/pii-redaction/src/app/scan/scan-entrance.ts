import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { SCAN_PATH } from '@tollgate/prompt-scan';
import { ScanHttpHandler } from './scan-http.handler';

// Longer than the client's idle timeout (30 s), so the client, not the server, closes an idle keep-alive
// connection and never sends a call on a socket the server is closing.
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

// POST /v1/scan goes from node:http straight to its handler; Express and Nest's request pipeline did nothing
// for an endpoint that reads its own bounded body (the proxy does the same, docs/adr/0007). Health and
// readiness stay Nest's.
export function installScanEntrance(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const handler = app.get(ScanHttpHandler);
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === SCAN_PATH) {
      void handler.handle(req, res);
      return;
    }
    for (const listener of framework) listener(req, res);
  });
}
