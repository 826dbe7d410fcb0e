import './instrument';
import { loadConfig } from '@tollgate/platform-config';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { ProxyEdgeEnv } from './app/config';
import { installProxyEntrance } from './app/pipeline/proxy-entrance';

startOrExit('proxy-edge', async () => {
  const config = loadConfig(ProxyEdgeEnv);
  await runService(AppModule.forRoot(config), {
    name: 'proxy-edge',
    port: config.PROXY_EDGE_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
    // The proxy reads request bytes itself and forwards them untouched.
    bodyParser: false,
    beforeListen: installProxyEntrance,
  });
});
