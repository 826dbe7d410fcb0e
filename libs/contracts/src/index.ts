export * from './envelope';
export * from './topics';
export * from './events/request-completed.v1';
export * from './fixtures/request-completed.v1.fixtures';
