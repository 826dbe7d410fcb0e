// One Vitest setup for every project: SWC (so Nest DI gets decorator metadata), tsconfig path aliases,
// and three projects per config: "unit" (*.spec.ts), "int" (*.int-spec.ts, real infrastructure) and "quiet"
// (*.quiet.int-spec.ts: tests that time the gateway, run alone so other suites' CPU does not count as its own).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname);
const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [name, resolve(root, target)]),
);

const swcPlugin = () =>
  swc.vite({
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
  });

export function projectTestConfig(projectDir: string, opts: { intTimeoutMs?: number } = {}) {
  return defineConfig({
    root: projectDir,
    oxc: false,
    plugins: [swcPlugin()],
    resolve: { alias },
    test: {
      passWithNoTests: true,
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node' },
        },
        {
          extends: true,
          test: {
            name: 'int',
            include: ['src/**/*.int-spec.ts'],
            exclude: ['src/**/*.quiet.int-spec.ts'],
            environment: 'node',
            testTimeout: opts.intTimeoutMs ?? 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
        {
          extends: true,
          test: {
            name: 'quiet',
            include: ['src/**/*.quiet.int-spec.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  });
}
