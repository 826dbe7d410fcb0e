export * from './event-bus.port';
export * from './in-memory-event-bus';
