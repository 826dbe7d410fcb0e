import {
  Partitioners,
  type EachBatchPayload,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Message,
} from 'kafkajs';
import {
  DeadLetterHeaders,
  readDeadLetter,
  type DeadLetter,
  type DeadLetterCause,
} from '@tollgate/contracts';
import { chunksUnder } from './kafka-event.publisher';

export interface ReplayOptions {
  kafka: Kafka;
  // The dead-letter topic, e.g. gateway.request.completed.v1.dlq.
  topic: string;
  // Only the dead letters one consumer group set aside, or of one cause.
  consumerGroup?: string;
  cause?: DeadLetterCause;
  // Replay what earlier replays already re-published too (consumers skip events they have).
  fromBeginning?: boolean;
  // List what would be replayed; re-publish and remember nothing.
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface ReplayReport {
  replayed: number;
  // Dead letters left out by the filters.
  skipped: number;
}

// The replayer's own consumer group remembers how far replays got: a second run re-publishes only dead
// letters that arrived since the first.
export const REPLAY_GROUP = 'tollgate.dead-letter-replay';

// Re-publishes dead letters to the topic they were meant for: same key (so the same partition), value and
// headers, with the dead-letter headers replaced by tollgate-dlq-replay-for naming the consumer group that set
// it aside, so only that group takes it again. Reads up to the dead letters present when it starts, then stops.
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayReport> {
  const ranges = await startingRanges(options);
  const report: ReplayReport = { replayed: 0, skipped: 0 };
  const finished = () => [...ranges.values()].every((r) => r.next >= r.end);
  if (finished()) return report;
  const producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = options.kafka.consumer({ groupId: REPLAY_GROUP, allowAutoTopicCreation: false });
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  consumer.on(consumer.events.CRASH, ({ payload }) => settle?.reject(payload.error));
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const range = ranges.get(payload.batch.partition);
        const wanted = payload.batch.messages.filter(
          (m) => range && Number(m.offset) >= range.next && Number(m.offset) < range.end,
        );
        const replays = wanted.flatMap((m) => replayOf(m, options, report));
        if (!options.dryRun) await publish(producer, replays);
        await commitUpTo(payload, wanted, options.dryRun ?? false);
        if (range && wanted.length > 0) range.next = Number(wanted[wanted.length - 1]?.offset) + 1;
        if (finished()) settle?.resolve();
      },
    });
    for (const [partition, range] of ranges)
      if (range.next < range.end)
        consumer.seek({ topic: options.topic, partition, offset: String(range.next) });
    await done;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return report;
}

// Per partition: the next offset to replay (where the last replay stopped) and the end (present at start).
async function startingRanges(options: ReplayOptions): Promise<Map<number, { next: number; end: number }>> {
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(options.topic);
    const [committed] = await admin.fetchOffsets({ groupId: REPLAY_GROUP, topics: [options.topic] });
    return new Map(
      offsets.map((p) => {
        const mark = Number(committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? -1);
        const next = options.fromBeginning || mark < 0 ? Number(p.low) : Math.max(mark, Number(p.low));
        return [p.partition, { next, end: Number(p.high) }];
      }),
    );
  } finally {
    await admin.disconnect();
  }
}

interface Replay {
  topic: string;
  message: Message;
}

function replayOf(message: KafkaMessage, options: ReplayOptions, report: ReplayReport): Replay[] {
  const headers = (message.headers ?? {}) as IHeaders;
  const letter = readDeadLetter(headers) ?? legacyLetter(options.topic);
  if (
    (options.consumerGroup !== undefined && letter.consumerGroup !== options.consumerGroup) ||
    (options.cause !== undefined && letter.cause !== options.cause)
  ) {
    report.skipped++;
    return [];
  }
  report.replayed++;
  options.log?.(
    `${options.dryRun ? 'would replay' : 'replaying'} offset ${message.offset} to ${letter.originalTopic}` +
      `${letter.consumerGroup ? ` for ${letter.consumerGroup}` : ''} (${letter.cause}: ${letter.reason})`,
  );
  const own = new Set<string>(Object.values(DeadLetterHeaders));
  const kept = Object.entries(headers).filter(([name]) => !own.has(name));
  const replayFor = letter.consumerGroup ? { [DeadLetterHeaders.replayFor]: letter.consumerGroup } : {};
  return [
    {
      topic: letter.originalTopic,
      message: {
        key: message.key,
        value: message.value,
        headers: { ...Object.fromEntries(kept), ...replayFor },
      },
    },
  ];
}

// A dead letter set aside before dead-letter headers existed: meant for every group of its original topic.
function legacyLetter(deadLetterTopic: string): DeadLetter {
  return {
    originalTopic: deadLetterTopic.replace(/\.dlq$/, ''),
    originalPartition: null,
    originalOffset: null,
    consumerGroup: '',
    cause: 'invalid',
    reason: 'set aside before dead letters carried their reason',
    failedAt: new Date(0).toISOString(),
  };
}

async function publish(producer: ReturnType<Kafka['producer']>, replays: readonly Replay[]): Promise<void> {
  for (const topic of new Set(replays.map((r) => r.topic))) {
    const messages = replays.filter((r) => r.topic === topic).map((r) => r.message);
    for (const chunk of chunksUnder(messages, 900 * 1024))
      await producer.send({ topic, acks: -1, messages: chunk });
  }
}

// Remembered only once re-published: a replay cut short starts again where it stopped.
async function commitUpTo(
  payload: EachBatchPayload,
  replayed: KafkaMessage[],
  dryRun: boolean,
): Promise<void> {
  const last = replayed[replayed.length - 1];
  if (!last) return;
  for (const message of replayed) payload.resolveOffset(message.offset);
  if (!dryRun)
    await payload.commitOffsetsIfNecessary({
      topics: [
        {
          topic: payload.batch.topic,
          partitions: [{ partition: payload.batch.partition, offset: (BigInt(last.offset) + 1n).toString() }],
        },
      ],
    });
  await payload.heartbeat();
}
