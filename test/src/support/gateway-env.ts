// What the global setup hands to the tests (vitest provide/inject).
export interface GatewayUnderTest {
  adminUrl: string;
  proxyUrl: string;
  databaseUrl: string;
  clickhouseDatabase: string;
  // The environment the services run with, to start extra instances in a test.
  serviceEnv: Record<string, string>;
  // Each service's Prometheus endpoint.
  metricsUrls: Record<
    'config-admin' | 'proxy-edge' | 'auth-limit' | 'pii-redaction' | 'analytics-ingester',
    string
  >;
  // The OTLP/HTTP receiver the services export their spans to (GET <otlpUrl>/spans lists them).
  otlpUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gateway: GatewayUnderTest;
  }
}
