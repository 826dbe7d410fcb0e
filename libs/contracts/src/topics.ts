// The one place topic names live. Names follow <domain>.<entity>.<action>.v<N>; dead letters add ".dlq".
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  // Compacted topics keep the latest value per key (config read models replay them at boot).
  readonly compacted: boolean;
}

export const Topics = {
  requestCompleted: { name: 'gateway.request.completed.v1', partitions: 3, compacted: false },
  requestCompletedDlq: { name: 'gateway.request.completed.v1.dlq', partitions: 1, compacted: false },
  configChanged: { name: 'gateway.config.changed.v1', partitions: 1, compacted: true },
  // A handful a day: one partition keeps them in order.
  revocationRequested: { name: 'gateway.revocation.requested.v1', partitions: 1, compacted: false },
  revocationRequestedDlq: { name: 'gateway.revocation.requested.v1.dlq', partitions: 1, compacted: false },
} as const satisfies Record<string, TopicSpec>;

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(Topics);

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

// Consumer groups are named <app>.<purpose>.
export const ConsumerGroups = {
  analyticsIngester: 'analytics-ingester.clickhouse',
  authLimitSettlement: 'auth-limit.settlement',
  configAdminRevocations: 'config-admin.revocations',
} as const;
