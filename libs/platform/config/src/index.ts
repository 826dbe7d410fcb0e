export * from './load-config';
export * from './env-schemas';
export * from './go-duration';
export * from './secret-box';
export * from './upstream-allow-hosts';
export * from './bricks-env-aliases';
