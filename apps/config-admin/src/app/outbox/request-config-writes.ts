import { AsyncLocalStorage } from 'node:async_hooks';

// The outbox rows an admin request has committed, collected while its handler runs, for the propagation
// interceptor to wait on. Writes outside a request (revocations from Kafka) are collected by nobody.
const writesOfRequest = new AsyncLocalStorage<string[]>();

export function collectConfigWrites<T>(into: string[], handler: () => T): T {
  return writesOfRequest.run(into, handler);
}

export function noteCommittedConfigWrites(outboxIds: readonly string[]): void {
  writesOfRequest.getStore()?.push(...outboxIds);
}
