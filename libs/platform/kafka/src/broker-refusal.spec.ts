import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { brokerRefusalOf } from './broker-refusal';

// As kafkajs builds them from the broker's error codes.
const protocolError = (type: string, retriable = false) =>
  new KafkaJSProtocolError({ type, retriable, message: `broker says ${type}` } as never);

describe(brokerRefusalOf.name, () => {
  it.each([
    ['a record too large', 'MESSAGE_TOO_LARGE'],
    ['a request too large', 'RECORD_LIST_TOO_LARGE'],
    ['an invalid record (a compacted topic without a key)', 'INVALID_RECORD'],
    ['a corrupt record', 'CORRUPT_MESSAGE'],
  ])('refuses the records for %s', (_what, type) => {
    expect(brokerRefusalOf(protocolError(type))).toBe(`${type}: broker says ${type}`);
  });

  it('finds the refusal inside a wrapping error', () => {
    const wrapped = new Error('gave up after 8 retries', { cause: protocolError('MESSAGE_TOO_LARGE') });
    expect(brokerRefusalOf(wrapped)).toMatch(/^MESSAGE_TOO_LARGE/);
  });

  it.each([
    ['a connection error', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ['a leader election in progress', protocolError('NOT_LEADER_FOR_PARTITION', true)],
    ['a topic the broker does not know (yet)', protocolError('UNKNOWN_TOPIC_OR_PARTITION', true)],
    ['an authorization failure', protocolError('TOPIC_AUTHORIZATION_FAILED')],
    ['a plain error', new Error('no answer within 2000 ms')],
  ])('is not a refusal for %s (retry later)', (_what, error) => {
    expect(brokerRefusalOf(error)).toBeNull();
  });
});
