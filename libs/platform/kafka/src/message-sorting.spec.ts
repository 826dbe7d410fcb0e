import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeadLetterHeaders, envelopeSchemaOf, makeEnvelope } from '@tollgate/contracts';
import { sortMessages } from './message-sorting';

const Schema = envelopeSchemaOf('test.probe', 1, z.object({ n: z.number().int() }));
const message = (offset: number, value: string | null, headers: KafkaMessage['headers'] = {}) =>
  ({
    offset: String(offset),
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers,
  }) as KafkaMessage;
const probe = (n: number) =>
  JSON.stringify(makeEnvelope({ type: 'test.probe', version: 1, producer: 't', payload: { n } }));

describe(sortMessages.name, () => {
  it('hands contract events on and says why each other message is dead', () => {
    const sorted = sortMessages(
      [
        message(0, probe(1)),
        message(1, '{"s":"\\uZZZZ"}'),
        message(2, '{"not":"an envelope"}'),
        message(3, null),
        message(4, probe(2)),
      ],
      Schema,
      'g',
    );
    expect(sorted.valid.map((v) => [v.message.offset, v.event.payload.n])).toEqual([
      ['0', 1],
      ['4', 2],
    ]);
    expect(sorted.dead.map((d) => [d.message.offset, d.cause, d.reason])).toEqual([
      ['1', 'unparseable', expect.stringMatching(/^not JSON: .*Unicode escape/i)],
      ['2', 'invalid', expect.stringMatching(/^not an event of this topic's contract: eventId: /)],
      ['3', 'unparseable', expect.stringMatching(/^not JSON: /)],
    ]);
    expect(sorted.skipped).toBe(0);
  });

  it('skips a replay meant for another group, and takes one meant for its own', () => {
    const sorted = sortMessages(
      [
        message(0, probe(1), { [DeadLetterHeaders.replayFor]: Buffer.from('other.group') }),
        message(1, probe(2), { [DeadLetterHeaders.replayFor]: Buffer.from('g') }),
      ],
      Schema,
      'g',
    );
    expect(sorted.valid.map((v) => v.event.payload.n)).toEqual([2]);
    expect(sorted.skipped).toBe(1);
  });
});
