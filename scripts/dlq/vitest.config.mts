import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared.mts';

// The command's sources sit in this folder, not in src/.
const base = projectTestConfig(import.meta.dirname);
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [resolve(import.meta.dirname, '*.spec.ts')], environment: 'node' },
      },
    ],
  },
});
