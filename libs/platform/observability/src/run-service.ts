import type { Server } from 'node:http';
import type { DynamicModule, INestApplication, LoggerService, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError } from '@tollgate/platform-config';
import { createJsonLogger } from './logger';

export interface ServiceOptions {
  name: string;
  port: number;
  shutdownTimeoutMs: number;
  logLevel?: LogLevel;
  // Raw bodies for the proxy: it forwards request bytes untouched.
  bodyParser?: boolean;
  logger?: LoggerService;
  // Runs once the application is built, before it listens (the proxy installs its fast path here).
  beforeListen?: (app: INestApplication) => void;
}

// Boots a service and wires graceful shutdown: on SIGTERM/SIGINT stop accepting connections, let in-flight
// requests finish (bounded), then run Nest's shutdown hooks (consumers finish their batch, producers flush).
export async function runService(
  module: Type | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  const logger = options.logger ?? createJsonLogger(options.name, options.logLevel);
  const app = await NestFactory.create(module, { logger, bodyParser: options.bodyParser ?? true });
  options.beforeListen?.(app);
  await app.listen(options.port, '0.0.0.0');
  logger.log(`${options.name} listening on :${options.port}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining in-flight work`);
    const server = app.getHttpServer() as Server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = await Promise.race([
      closed.then(() => true),
      sleep(options.shutdownTimeoutMs).then(() => false),
    ]);
    if (!drained) {
      logger.warn(`in-flight requests still open after ${options.shutdownTimeoutMs} ms; closing them`);
      server.closeAllConnections();
    }
    await app.close();
    logger.log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  return app;
}

// Wraps main(): a configuration error names the variable and exits non-zero before anything starts.
export function startOrExit(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const logger = createJsonLogger(name);
    if (error instanceof ConfigValidationError) {
      logger.fatal(error.message);
    } else {
      logger.fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exit(1);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
