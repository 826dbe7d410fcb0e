// The one place topic names live. Names follow <domain>.<entity>.<action>.v<N>; dead letters add ".dlq".
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  // Compacted topics keep the latest value per key (config read models replay them at boot).
  readonly compacted: boolean;
  // The topic's own max.message.bytes, when it must take more than the broker's default (about 1 MiB).
  readonly maxMessageBytes?: number;
}

// Dead-letter topics take records up to 8 MiB: a record the broker refused as too large for its own topic
// still has a place to go.
export const DEAD_LETTER_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export const Topics = {
  requestCompleted: { name: 'gateway.request.completed.v1', partitions: 3, compacted: false },
  requestCompletedDlq: {
    name: 'gateway.request.completed.v1.dlq',
    partitions: 1,
    compacted: false,
    maxMessageBytes: DEAD_LETTER_MAX_MESSAGE_BYTES,
  },
  configChanged: { name: 'gateway.config.changed.v1', partitions: 1, compacted: true },
  // A handful a day: one partition keeps them in order.
  revocationRequested: { name: 'gateway.revocation.requested.v1', partitions: 1, compacted: false },
  revocationRequestedDlq: {
    name: 'gateway.revocation.requested.v1.dlq',
    partitions: 1,
    compacted: false,
    maxMessageBytes: DEAD_LETTER_MAX_MESSAGE_BYTES,
  },
} as const satisfies Record<string, TopicSpec>;

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(Topics);

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

// The dead-letter topic of any topic, as the registry declares its own (tests and new topics use it).
export function deadLetterSpecOf(topic: string): TopicSpec {
  return {
    name: deadLetterTopicOf(topic),
    partitions: 1,
    compacted: false,
    maxMessageBytes: DEAD_LETTER_MAX_MESSAGE_BYTES,
  };
}

// Consumer groups are named <app>.<purpose>.
export const ConsumerGroups = {
  analyticsIngester: 'analytics-ingester.clickhouse',
  authLimitSettlement: 'auth-limit.settlement',
  configAdminRevocations: 'config-admin.revocations',
} as const;
