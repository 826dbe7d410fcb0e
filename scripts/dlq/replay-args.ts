import { parseArgs } from 'node:util';
import { DeadLetterCauseSchema, type DeadLetterCause } from '@tollgate/contracts';

export const USAGE = `Re-publishes dead letters to the topic they were meant for, once their cause is fixed.

  npm run dlq:replay -- --topic <dead-letter topic> [--group <consumer group>] [--cause <cause>]
                        [--from-beginning] [--dry-run]

  --topic           the dead-letter topic, e.g. gateway.request.completed.v1.dlq
  --group           only the dead letters this consumer group set aside (e.g. analytics-ingester.clickhouse)
  --cause           only this cause: ${DeadLetterCauseSchema.options.join(', ')}
  --from-beginning  also what earlier replays re-published (consumers skip events they already have)
  --dry-run         list what would be replayed; publish nothing, remember nothing

Each dead letter goes back with its key, value and headers, marked for the consumer group that set it aside
(only that group takes it again). A replay remembers how far it got: the next one starts there.
Kafka: KAFKA_BROKERS (default 127.0.0.1:9092).`;

export interface ReplayArgs {
  topic: string;
  consumerGroup?: string;
  cause?: DeadLetterCause;
  fromBeginning: boolean;
  dryRun: boolean;
}

// The command line, or a message saying what is wrong with it.
export function parseReplayArgs(argv: readonly string[]): ReplayArgs | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        topic: { type: 'string' },
        group: { type: 'string' },
        cause: { type: 'string' },
        'from-beginning': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { error: '' };
  if (!values.topic?.endsWith('.dlq'))
    return { error: '--topic must name a dead-letter topic (ending in .dlq)' };
  const cause = values.cause === undefined ? undefined : DeadLetterCauseSchema.safeParse(values.cause);
  if (cause && !cause.success)
    return { error: `--cause must be one of ${DeadLetterCauseSchema.options.join(', ')}` };
  return {
    topic: values.topic,
    ...(values.group === undefined ? {} : { consumerGroup: values.group }),
    ...(cause?.data === undefined ? {} : { cause: cause.data }),
    fromBeginning: values['from-beginning'],
    dryRun: values['dry-run'],
  };
}
