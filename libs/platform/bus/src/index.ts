export * from './event-bus.port';
export * from './in-memory-event-bus';
export * from './file-spool';
export * from './spooling-publisher';
export * from './batching-publisher';
export * from './refusal-isolation';
export * from './dead-letter.counter';
