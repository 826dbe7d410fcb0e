export * from './cache-key';
export * from './cached-response';
export * from './response-cache';
export * from './stream-recorder';
