export * from './logger';
export * from './run-service';
export * from './health/health.module';
export * from './health/readiness.registry';
