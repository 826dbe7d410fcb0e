import { describe, expect, it } from 'vitest';
import {
  ALL_TOPICS,
  DEAD_LETTER_MAX_MESSAGE_BYTES,
  deadLetterSpecOf,
  deadLetterTopicOf,
  Topics,
} from './topics';

describe('Topics', () => {
  it('names every topic <domain>.<entity>.<action>.v<N>, dead letters with .dlq', () => {
    for (const topic of ALL_TOPICS) {
      expect(topic.name).toMatch(/^[a-z]+\.[a-z]+\.[a-z]+\.v\d+(\.dlq)?$/);
    }
  });

  it('derives the dead-letter topics of the topics consumed through EnvelopeBatchConsumer', () => {
    expect(deadLetterTopicOf(Topics.requestCompleted.name)).toBe(Topics.requestCompletedDlq.name);
    expect(deadLetterTopicOf(Topics.revocationRequested.name)).toBe(Topics.revocationRequestedDlq.name);
  });

  it('declares every dead-letter topic as deadLetterSpecOf makes it, with room for large records', () => {
    for (const topic of ALL_TOPICS.filter((t) => t.name.endsWith('.dlq'))) {
      expect(topic).toEqual(deadLetterSpecOf(topic.name.slice(0, -'.dlq'.length)));
      expect(topic.maxMessageBytes).toBe(DEAD_LETTER_MAX_MESSAGE_BYTES);
    }
  });

  it('keeps topic names unique', () => {
    const names = ALL_TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
