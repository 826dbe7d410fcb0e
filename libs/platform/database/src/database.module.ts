import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import { dataSourceOptions } from './data-source.options';
import { runMigrationsLocked } from './migration-lock';

const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseModuleOptions {
  url: string;
  runMigrations: boolean;
  // false for a service that serves from memory while PostgreSQL is down (proxy-edge): reported, not required.
  requiredForReadiness?: boolean;
}

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseModuleOptions,
  ) {}

  // Only the schema owner (config-admin) runs migrations, under an advisory lock (several may boot at once).
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(options.url, { runMigrations: false }),
          dataSourceFactory: async (dataSourceOpts) => {
            if (!dataSourceOpts) throw new Error('no data source options');
            const dataSource = await new DataSource(dataSourceOpts).initialize();
            if (options.runMigrations) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }],
      exports: [TypeOrmModule],
    };
  }

  onModuleInit(): void {
    this.readiness.register(
      'postgres',
      async () => {
        await this.dataSource.query('SELECT 1');
      },
      { required: this.options.requiredForReadiness ?? true },
    );
  }
}
