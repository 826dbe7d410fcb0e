import './instrument';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { ConfigAdminEnv } from './app/config';

startOrExit('config-admin', async () => {
  const config = loadConfig(ConfigAdminEnv);
  await runService(AppModule.forRoot(config), {
    name: 'config-admin',
    port: config.CONFIG_ADMIN_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
  });
});
