import { describe, expect, it } from 'vitest';
import { PromptTextException } from '../prompt-text.exception';
import { extractPromptTexts } from './extract-prompt-texts';
import { PROMPT_BODY_CASES, SERIALISATIONS } from './prompt-bodies.test-support';

describe(extractPromptTexts.name, () => {
  describe.each(SERIALISATIONS)('%s bodies', (_serialisation, serialise) => {
    it.each(PROMPT_BODY_CASES.map((c) => [c.name, c] as const))('%s', (_name, { format, body, texts }) => {
      const raw = Buffer.from(serialise(body));
      const found = extractPromptTexts(raw, format);
      expect(found.map((t) => [t.pointer, t.text])).toEqual(texts);
      // Each position holds exactly that string's raw content.
      for (const t of found) {
        expect(JSON.parse(`"${raw.toString('utf8', t.start, t.end)}"`)).toBe(t.text);
      }
    });
  });

  it('reads every string of a body of unknown shape (any_json), nested at any depth', () => {
    const raw = Buffer.from(
      JSON.stringify({ prompt: 'a@b.co', n: 1, opts: { tags: ['x', { deep: 'y' }], on: true } }),
    );
    expect(
      extractPromptTexts(raw, 'any_json')
        .map((t) => [t.pointer, t.text])
        .sort(),
    ).toEqual([
      ['/opts/tags/0', 'x'],
      ['/opts/tags/1/deep', 'y'],
      ['/prompt', 'a@b.co'],
    ]);
  });

  it('scans every duplicate of a member: providers differ on which one wins', () => {
    const raw = Buffer.from('{"model":"m","input":"first@example.com","input":"second@example.com"}');
    expect(extractPromptTexts(raw, 'embeddings').map((t) => t.text)).toEqual([
      'first@example.com',
      'second@example.com',
    ]);
  });

  it('reads a part of any type that carries text, and no image or audio payload', () => {
    const raw = Buffer.from(
      JSON.stringify({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:x' }, text: 'hidden' }] },
        ],
      }),
    );
    expect(extractPromptTexts(raw, 'chat_completions').map((t) => t.pointer)).toEqual([
      '/messages/0/content/0/text',
    ]);
  });

  it('escapes member names in pointers (RFC 6901)', () => {
    const raw = Buffer.from(JSON.stringify({ prompt: { variables: { 'a/b~c': 'Jane' } } }));
    expect(extractPromptTexts(raw, 'responses').map((t) => t.pointer)).toEqual(['/prompt/variables/a~1b~0c']);
  });

  it('finds nothing in a body that is not an object', () => {
    expect(extractPromptTexts(Buffer.from('["jane@example.com"]'), 'embeddings')).toEqual([]);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => extractPromptTexts(Buffer.from('{"input": "a",}'), 'embeddings')).toThrow(
      PromptTextException,
    );
  });
});
