export * from './applied-registry';
export * from './change-log.poller';
export * from './config-read-model';
export * from './config-sync';
export * from './config-sync.env';
export * from './config-sync.module';
export * from './snapshot-reader';
export * from './unknown-key.lookup';
