import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/*.mjs', '**/*.js', '**/vitest.config.mts'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // The testing library (fakes, factories, infra helpers) is tagged type:testing: apps and libraries
            // may not depend on it; the e2e suite, the benchmarks, the testing library itself and the test
            // files below may.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:domain'] },
            {
              sourceTag: 'scope:platform',
              onlyDependOnLibsWithTags: ['scope:contracts', 'scope:domain', 'scope:platform'],
            },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Test files in any project may use the testing library. Patterns start with ** because each project lints
    // with this config from its own directory. Test support an app keeps beside its tests (a test app) is named
    // *.test-support.ts, which the app's build leaves out.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e.ts', '**/*.test-support.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] }],
        },
      ],
    },
  },
  prettier,
];
