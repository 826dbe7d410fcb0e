import './instrument';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { AnalyticsIngesterEnv } from './app/config';

startOrExit('analytics-ingester', async () => {
  const config = loadConfig(AnalyticsIngesterEnv);
  await runService(AppModule.forRoot(config), {
    name: 'analytics-ingester',
    port: config.ANALYTICS_INGESTER_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
  });
});
