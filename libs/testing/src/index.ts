export * from './fake-openai.upstream';
export * from './expect-eventually';
export * from './infra-env';
export * from './fake-anthropic.upstream';
