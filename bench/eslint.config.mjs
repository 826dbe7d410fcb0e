import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The benchmarks drive the built services and measure their parts directly (the ingester's sink, the
    // reporting service, the e2e suite's process and admin helpers): they stand outside the module graph.
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
