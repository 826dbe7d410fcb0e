import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../vitest.shared.mts';

// E2E: the built services run as real processes against real PostgreSQL, Redis, Kafka and ClickHouse.
const base = projectTestConfig(import.meta.dirname);
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      include: ['src/**/*.e2e.ts'],
      globalSetup: [resolve(import.meta.dirname, 'src/support/global-setup.ts')],
      testTimeout: 60_000,
      hookTimeout: 180_000,
      fileParallelism: false,
    },
  }),
);
