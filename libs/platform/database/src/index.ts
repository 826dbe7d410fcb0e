export * from './database.module';
export * from './data-source.options';
export * from './entities/key.entity';
export * from './entities/provider-setting.entity';
export * from './entities/config-outbox.entity';
export * from './snapshots';
export * from './entities/user.entity';
export * from './entities/policy.entity';
