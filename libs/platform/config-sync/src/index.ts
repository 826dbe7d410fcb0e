export * from './config-read-model';
export * from './config-sync';
export * from './config-sync.module';
