import { ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from 'kafkajs';
import type { TopicSpec } from '@tollgate/contracts';

// Creates missing topics from the contracts registry. Existing topics are left as they are, except that a
// topic whose spec asks for a larger max.message.bytes gets it (dead-letter topics created before they had it).
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: -1,
          configEntries: configEntriesOf(t),
        })),
      });
    }
    // Several services provision at boot: a topic another one has just created may not have leaders yet.
    await waitForLeaders(
      admin,
      topics.map((t) => t.name),
    );
    await raiseMessageSizes(
      admin,
      topics.filter((t) => existing.has(t.name) && t.maxMessageBytes !== undefined),
    );
  } finally {
    await admin.disconnect();
  }
}

function configEntriesOf(topic: TopicSpec): { name: string; value: string }[] {
  const entries = topic.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [];
  if (topic.maxMessageBytes !== undefined)
    entries.push({ name: 'max.message.bytes', value: String(topic.maxMessageBytes) });
  return entries;
}

// alterConfigs replaces a topic's whole set of explicit settings: the ones it has are sent along, so only
// max.message.bytes changes.
async function raiseMessageSizes(admin: Admin, topics: readonly TopicSpec[]): Promise<void> {
  if (topics.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name })),
  });
  const changes = topics.flatMap((topic) => {
    const entries = resources.find((r) => r.resourceName === topic.name)?.configEntries ?? [];
    const current = entries.find((e) => e.configName === 'max.message.bytes');
    if (Number(current?.configValue) >= (topic.maxMessageBytes ?? 0)) return [];
    const kept = entries
      .filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== 'max.message.bytes')
      .map((e) => ({ name: e.configName, value: e.configValue }));
    const raised = { name: 'max.message.bytes', value: String(topic.maxMessageBytes) };
    return [{ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: [...kept, raised] }];
  });
  if (changes.length > 0) await admin.alterConfigs({ validateOnly: false, resources: changes });
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (ready && metadata.length === topics.length) return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    if (Date.now() >= deadline)
      throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
