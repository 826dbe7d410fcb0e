import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { replayedFor, type DeadLetterCause } from '@tollgate/contracts';

// A message to set aside on the dead-letter topic, and why.
export interface DeadLetterDraft {
  message: KafkaMessage;
  cause: DeadLetterCause;
  reason: string;
}

export interface SortedMessages<E> {
  valid: { event: E; message: KafkaMessage }[];
  dead: DeadLetterDraft[];
  // Replays meant for another consumer group: that group took them, this one already had them.
  skipped: number;
}

// Parses each message with the topic's contract: events for the handler, the rest for the dead-letter topic.
export function sortMessages<S extends z.ZodType>(
  messages: readonly KafkaMessage[],
  schema: S,
  groupId: string,
): SortedMessages<z.infer<S>> {
  const sorted: SortedMessages<z.infer<S>> = { valid: [], dead: [], skipped: 0 };
  for (const message of messages) {
    const replayFor = replayedFor(message.headers as IHeaders | undefined);
    if (replayFor !== null && replayFor !== groupId) {
      sorted.skipped++;
      continue;
    }
    const parsed = parseMessage(schema, message);
    if ('event' in parsed) sorted.valid.push({ event: parsed.event, message });
    else sorted.dead.push({ message, ...parsed });
  }
  return sorted;
}

function parseMessage<S extends z.ZodType>(
  schema: S,
  message: KafkaMessage,
): { event: z.infer<S> } | Omit<DeadLetterDraft, 'message'> {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    return { cause: 'unparseable', reason: `not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { event: result.data };
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { cause: 'invalid', reason: `not an event of this topic's contract: ${issues.join('; ')}` };
}
