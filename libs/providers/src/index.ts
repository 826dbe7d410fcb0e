export * from './provider-adapter';
export * from './sse-parser';
export * from './openai/openai.adapter';
