export * from './fake-openai.upstream';
export * from './expect-eventually';
export * from './infra-env';
export * from './fake-anthropic.upstream';
export * from './pg';
export * from './recording-server';
export * from './config-snapshots.factory';
