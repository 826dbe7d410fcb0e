import { KafkaJSProtocolError } from 'kafkajs';

// Errors by which the broker refuses the records themselves: sending them again fails again, so they are set
// aside. Any other error (connection, leader election, timeouts, authorization) means: try again later.
const REFUSED_RECORD_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

export function brokerRefusalOf(error: unknown): string | null {
  const protocolError = protocolErrorIn(error);
  if (!protocolError || !REFUSED_RECORD_ERRORS.has(protocolError.type)) return null;
  return `${protocolError.type}: ${protocolError.message}`;
}

// kafkajs throws protocol errors as they are, or wrapped (a retrier's `cause`, a batch's `errors`).
function protocolErrorIn(error: unknown, depth = 0): KafkaJSProtocolError | null {
  if (error instanceof KafkaJSProtocolError) return error;
  if (depth > 3 || error === null || typeof error !== 'object') return null;
  const { cause, originalError, errors } = error as {
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown;
  };
  for (const inner of [cause, originalError, ...(Array.isArray(errors) ? errors : [])]) {
    const found = protocolErrorIn(inner, depth + 1);
    if (found) return found;
  }
  return null;
}
