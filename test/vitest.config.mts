import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../vitest.shared.mts';

// Two projects. "deploy": checks of docker-compose.yml and deploy/kubernetes, which need no running service
// (`vitest run --config test/vitest.config.mts --project deploy` runs them alone). "e2e": the built services
// run as real processes against real PostgreSQL, Redis, Kafka and ClickHouse (its global setup starts them).
const base = projectTestConfig(import.meta.dirname);
const DEPLOY_CHECKS = 'src/deploy{,-*}.e2e.ts';
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 180_000,
      fileParallelism: false,
      projects: [
        { extends: true, test: { name: 'deploy', include: [DEPLOY_CHECKS] } },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['src/**/*.e2e.ts'],
            exclude: [DEPLOY_CHECKS],
            globalSetup: [resolve(import.meta.dirname, 'src/support/global-setup.ts')],
          },
        },
      ],
    },
  }),
);
