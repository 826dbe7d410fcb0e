import baseConfig from '../../eslint.config.mjs';

// One writer per table: auth-limit writes no PostgreSQL table (it asks config-admin to revoke by event, ADR
// 0008); it reads keys and users through the config read model (@tollgate/platform-config-sync).
const WRITES_NO_TABLE = 'auth-limit writes no PostgreSQL table: publish a request to config-admin instead';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', '@nestjs/typeorm', '@tollgate/config-entities'].map((name) => ({
            name,
            message: WRITES_NO_TABLE,
          })),
        },
      ],
    },
  },
];
