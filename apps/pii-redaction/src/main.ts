import './instrument';
import { join } from 'node:path';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { PiiRedactionEnv } from './app/config';
import { installScanEntrance } from './app/scan/scan-entrance';

startOrExit('pii-redaction', async () => {
  const config = loadConfig(PiiRedactionEnv);
  // The worker is bundled beside main.js (webpack.config.js, additionalEntryPoints).
  const workerScript = { source: join(__dirname, 'scan.worker.js') };
  await runService(AppModule.forRoot(config, workerScript), {
    name: 'pii-redaction',
    port: config.PII_REDACTION_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
    // The scan endpoint reads its own bounded body.
    bodyParser: false,
    beforeListen: installScanEntrance,
  });
});
