import { describe, expect, it } from 'vitest';
import { gjsonGet, gjsonText } from './gjson-path';

const body = {
  model: 'm-1',
  stream: true,
  messages: [
    { role: 'system', content: 'Be brief. ' },
    { role: 'user', content: 'Hello' },
  ],
  choices: [{ message: { content: 'Hi there' }, delta: { content: 'Hi' } }],
};

describe('gjson paths', () => {
  it.each([
    ['model', 'm-1'],
    ['stream', true],
    ['messages.1.role', 'user'],
    ['choices.0.message.content', 'Hi there'],
    ['messages.#.role', ['system', 'user']],
    ['nope.deeper', undefined],
  ])('%s', (path, expected) => {
    expect(gjsonGet(body, path)).toEqual(expected);
  });

  it('joins the strings a path finds', () => {
    expect(gjsonText(body, 'messages.#.content')).toBe('Be brief. Hello');
    expect(gjsonText(body, 'choices.#.delta.content')).toBe('Hi');
    expect(gjsonText(body, 'model.x')).toBe('');
  });
});
