export * from './database.module';
export * from './data-source.options';
export * from './migration-lock';
