export * from './provider-adapter';
export * from './sse-parser';
export * from './usage/openai-usage';
export * from './usage/anthropic-usage';
export * from './usage/usage-readers';
export * from './adapters/provider-adapters';
export * from './adapters/error-bodies';
