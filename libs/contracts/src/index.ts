export * from './envelope';
export * from './topics';
export * from './events/request-completed.v1';
export * from './fixtures/request-completed.v1.fixtures';
export * from './events/config-changed.v1';
export * from './fixtures/config-changed.v1.fixtures';
export * from './events/revocation-requested.v1';
export * from './fixtures/revocation-requested.v1.fixtures';
