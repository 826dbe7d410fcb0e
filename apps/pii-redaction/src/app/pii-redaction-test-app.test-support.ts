// Test support, imported only by *.int-spec.ts: the service in this process, on a free port, with detection
// workers bundled from the TypeScript sources.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildSync } from 'esbuild';
import { expectEventually } from '@tollgate/testing';
import { AppModule } from './app.module';
import { PiiRedactionEnv } from './config';
import { installScanEntrance } from './scan/scan-entrance';
import { ScanWorkerPool, type WorkerScript } from './scan/scan-worker-pool';

const ROOT = resolve(import.meta.dirname, '../../../..');
// Inside the workspace (tmp/ is ignored by git), so the bundles resolve packages from its node_modules; each
// run overwrites them.
const OUT_DIR = join(ROOT, 'tmp', 'pii-redaction-workers');
mkdirSync(OUT_DIR, { recursive: true });

// A worker entry bundled to JavaScript (esbuild, as `make bench` builds its scripts): worker threads cannot
// load TypeScript, and a TypeScript loader with a native addon (@swc-node/register) crashed the process when a
// worker thread died, which some tests make happen on purpose.
function bundledWorker(entry: string): WorkerScript {
  const outfile = join(OUT_DIR, `${basename(entry, '.ts')}.js`);
  buildSync({
    entryPoints: [resolve(import.meta.dirname, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: resolve(ROOT, 'tsconfig.base.json'),
    logLevel: 'warning',
  });
  return { source: outfile };
}

export const sourceWorker = () => bundledWorker('scan/scan.worker.ts');
export const workerWithADetectorBug = () => bundledWorker('scan/detector-bug.worker.test-support.ts');

// Every line the service logs, to check that no text ever reaches a log.
export class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  protected override printMessages(messages: unknown[], context?: string, logLevel?: string): void {
    this.lines.push(
      `${logLevel} ${context} ${messages.map((m) => (m instanceof Error ? m.stack : String(m))).join(' ')}`,
    );
  }

  protected override printStackTrace(stack: string): void {
    this.lines.push(stack);
  }
}

export interface PiiRedactionTestApp {
  readonly url: string;
  readonly logger: CapturingLogger;
  close(): Promise<void>;
}

export async function startPiiRedaction(
  env: Record<string, string> = {},
  script: WorkerScript = sourceWorker(),
): Promise<PiiRedactionTestApp> {
  const config = PiiRedactionEnv.parse({ PII_SCAN_WORKERS: '2', ...env });
  const logger = new CapturingLogger();
  const app: INestApplication = await NestFactory.create(AppModule.forRoot(config, script), {
    logger,
    bodyParser: false,
  });
  installScanEntrance(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // Every worker warmed up: timing assertions must not measure a worker still loading the lexicon.
  const pool = app.get(ScanWorkerPool, { strict: false });
  await expectEventually(
    () => {
      if (pool.readyWorkers < config.PII_SCAN_WORKERS) throw new Error(`${pool.readyWorkers} workers ready`);
    },
    { timeoutMs: 60_000, intervalMs: 100, what: 'pii-redaction workers ready' },
  );
  return { url, logger, close: () => app.close() };
}
