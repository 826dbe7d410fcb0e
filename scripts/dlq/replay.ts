// `npm run dlq:replay`: the dead-letter replay command (see replay-args.ts for its options).
import { Kafka, logLevel } from 'kafkajs';
import { replayDeadLetters } from '@tollgate/platform-kafka';
import { parseReplayArgs, USAGE } from './replay-args';

async function main(): Promise<number> {
  const args = parseReplayArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(args.error ? `${args.error}\n\n${USAGE}` : USAGE);
    return args.error ? 2 : 0;
  }
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const kafka = new Kafka({ clientId: 'tollgate-dlq-replay', brokers, logLevel: logLevel.WARN });
  const report = await replayDeadLetters({ kafka, ...args, log: (line) => console.log(line) });
  const verb = args.dryRun ? 'would replay' : 'replayed';
  console.log(
    `${verb} ${report.replayed} dead letter(s) from ${args.topic}; ${report.skipped} left out by the filters`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`replay failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
