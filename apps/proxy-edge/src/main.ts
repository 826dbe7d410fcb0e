import './instrument';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@tollgate/platform-config';
import { MetricsRegistry, startMetricsServer } from '@tollgate/platform-metrics';
import { runService, startOrExit } from '@tollgate/platform-observability';
import { AppModule } from './app/app.module';
import { ProxyEdgeEnv } from './app/config';
import { installProxyEntrance } from './app/pipeline/proxy-entrance';

startOrExit('proxy-edge', async () => {
  const config = loadConfig(ProxyEdgeEnv);
  const app = await runService(AppModule.forRoot(config), {
    name: 'proxy-edge',
    port: config.PROXY_EDGE_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logLevel: config.LOG_LEVEL,
    // The proxy reads request bytes itself and forwards them untouched.
    bodyParser: false,
    beforeListen: installProxyEntrance,
  });
  // GET /metrics on a port of its own: the proxy's public port serves proxied paths and health only.
  const metricsPort = config.PROXY_EDGE_METRICS_PORT ?? config.PROXY_EDGE_PORT + 1100;
  await startMetricsServer(app.get(MetricsRegistry), metricsPort);
  new Logger('proxy-edge').log(`metrics on :${metricsPort}/metrics`);
});
