export * from './database.module';
export * from './data-source.options';
export * from './entities/key.entity';
export * from './entities/provider-setting.entity';
