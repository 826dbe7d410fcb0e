export * from './metrics.registry';
export * from './bounded-labels';
export * from './metrics.http';
export * from './dead-letter.metrics';
export * from './consumer.metrics';
export * from './metrics.module';
