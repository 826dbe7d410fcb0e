import './instrument';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { AuthLimitEnv } from './app/config';

startOrExit('auth-limit', async () => {
  const config = loadConfig(AuthLimitEnv);
  await runService(AppModule.forRoot(config), {
    name: 'auth-limit',
    port: config.AUTH_LIMIT_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
  });
});
