export * from './start-telemetry';
export * from './tracing-switch';
export * from './trace-context';
