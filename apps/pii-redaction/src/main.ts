import './instrument';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { PiiRedactionEnv } from './app/config';

startOrExit('pii-redaction', async () => {
  const config = loadConfig(PiiRedactionEnv);
  await runService(AppModule, {
    name: 'pii-redaction',
    port: config.PII_REDACTION_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
  });
});
