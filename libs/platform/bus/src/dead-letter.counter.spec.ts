import { describe, expect, it } from 'vitest';
import { DeadLetterCounter } from './dead-letter.counter';

describe(DeadLetterCounter.name, () => {
  it('counts by topic and cause, with a total', () => {
    const counter = new DeadLetterCounter();
    counter.add('b.topic', 'invalid');
    counter.add('a.topic', 'refused_by_sink', 2);
    counter.add('a.topic', 'refused_by_sink');
    counter.add('a.topic', 'unparseable');
    expect(counter.snapshot()).toEqual({
      since: counter.since,
      total: 5,
      deadLetters: [
        { topic: 'a.topic', cause: 'refused_by_sink', count: 3 },
        { topic: 'a.topic', cause: 'unparseable', count: 1 },
        { topic: 'b.topic', cause: 'invalid', count: 1 },
      ],
    });
  });

  it('starts at zero', () => {
    expect(new DeadLetterCounter().snapshot()).toMatchObject({ total: 0, deadLetters: [] });
  });
});
