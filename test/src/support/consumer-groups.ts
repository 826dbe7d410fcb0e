import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { infraEnv } from '@tollgate/testing';

export interface GroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  partitions: number[];
}

// Who in a consumer group holds which partitions of `topic` (the broker's view, after the last rebalance).
export async function groupAssignment(groupId: string, topic: string): Promise<GroupMember[]> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    if (!group || group.state !== 'Stable') return [];
    return group.members.map((member) => {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return {
        memberId: member.memberId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        partitions: [...(decoded?.assignment[topic] ?? [])].sort(),
      };
    });
  } finally {
    await admin.disconnect();
  }
}

// The end offset of each partition of `topic`, by partition.
export async function endOffsets(topic: string): Promise<Map<number, bigint>> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

// What a consumer group has committed on `topic`, by partition.
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

const kafka = () =>
  new Kafka({ clientId: 'e2e-inspect', brokers: infraEnv.kafkaBrokers, logLevel: logLevel.NOTHING });
