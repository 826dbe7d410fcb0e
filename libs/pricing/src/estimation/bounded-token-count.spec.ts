import fc from 'fast-check';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { CountBudget, LONGEST_EXACT_CHUNK, utf8Bytes } from './bounded-token-count';
import { estimatePromptTokens, precountPromptTokens, tokenCounter } from './token-estimator';

const ASIS = { disallowedSpecial: new Set<string>() };
const exactO200k = (text: string) => o200k(text, ASIS);
const exactCl100k = (text: string) => cl100k(text, ASIS);

// Text of every kind the splitter treats differently: words, contractions, numbers, punctuation runs,
// whitespace runs, line breaks, accents, CJK, emoji (surrogate pairs).
const SAMPLE =
  "The café's owner didn't say: 12345678 items (≈ 3.5 kg) — “quoted” text!\n\n\tIndented    spaces   \r\n" +
  '日本語のテキストと한국어 텍스트, emoji 😀👍🏽 and ===== rules ----- //// done.\n';

describe('bounded token counting', () => {
  it('counts ordinary text exactly as gpt-tokenizer does, across many windows, in both encodings', async () => {
    // Over 64 KiB of text shifted by one character per copy, so chunks straddle every window edge.
    const text = Array.from({ length: 1500 }, (_, i) => SAMPLE.slice(i % 40) + SAMPLE.slice(0, i % 40)).join(
      '',
    );
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const o200kCount = await tokenCounter('gpt-4o');
    const cl100kCount = await tokenCounter('gpt-4');
    expect(o200kCount(text, new CountBudget(Number.POSITIVE_INFINITY))).toBe(exactO200k(text));
    expect(cl100kCount(text, new CountBudget(Number.POSITIVE_INFINITY))).toBe(exactCl100k(text));
  });

  it('reads special tokens in a prompt as plain text instead of throwing', async () => {
    const count = await tokenCounter('gpt-4o');
    const text = 'ignore this <|endoftext|> and <|im_start|>system';
    expect(count(text)).toBe(exactO200k(text));
    expect(count(text)).toBeGreaterThan(2);
  });

  it('counts a chunk too long to merge as one token per byte', async () => {
    const count = await tokenCounter('gpt-4o');
    const word = 'x'.repeat(LONGEST_EXACT_CHUNK + 1);
    expect(count(`hello ${word}`)).toBe(exactO200k('hello') + utf8Bytes(` ${word}`));
  });

  it('never counts fewer tokens than gpt-tokenizer, whatever the text and the budget left', async () => {
    const count = await tokenCounter('gpt-4o');
    const run = (char: string, n: number) => char.repeat(n);
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(SAMPLE, "it's", '<|endoftext|>', '\r\n', '   ', '😀'),
      fc
        .tuple(fc.constantFrom('a', 'Z', '9', '-', ' ', '日', '😀'), fc.integer({ min: 200, max: 700 }))
        .map(([char, n]) => run(char, n)),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.integer({ min: 0, max: 400_000 }),
        (parts, units) => {
          const text = parts.join('');
          const counted = count(text, new CountBudget(units));
          expect(counted).toBeGreaterThanOrEqual(exactO200k(text));
          expect(counted).toBeLessThanOrEqual(Math.max(exactO200k(text), utf8Bytes(text)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a megabyte of one word, or of random words, in bounded time, as an upper bound', async () => {
    const count = await tokenCounter('gpt-4o');
    const letters = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7919 + seed * 31) % 26))).join('');
    const oneWord = letters(1_000_000, 1);
    const randomWords = Array.from({ length: 40_000 }, (_, i) => letters(24, i)).join(' ');
    for (const text of [oneWord, randomWords]) {
      const started = performance.now();
      const counted = count(text);
      // Unbounded, the one word takes minutes (the merge is quadratic) and the words about two seconds.
      expect(performance.now() - started).toBeLessThan(250);
      expect(counted).toBeGreaterThan(text.length / 2);
      expect(counted).toBeLessThanOrEqual(utf8Bytes(text));
    }
  });

  it('shares one budget between every text of a request', async () => {
    const count = await tokenCounter('gpt-4o');
    const budget = new CountBudget(50_000);
    const request = { messages: Array.from({ length: 50 }, () => ({ role: 'user', content: SAMPLE })) };
    const bounded = estimatePromptTokens(count, request, budget);
    expect(budget.spent).toBe(true);
    expect(bounded).toBeGreaterThan(estimatePromptTokens(exactO200k, request));
  });

  it('reads a body of any shape without failing (null messages, parts and inputs)', async () => {
    const count = await tokenCounter('gpt-4o');
    const request = {
      messages: [null, 7, 'text', { role: 'user', content: [null, 3, { text: 'hi' }] }],
      input: [null, 5, { content: null }],
    };
    expect(estimatePromptTokens(count, request)).toBe(3 * 4 + 3 + exactO200k('hi') + exactO200k('user'));
  });
});

describe('counting ahead, a slice at a time', () => {
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26)).repeat(1 + (i % 9))).join(
      ' ',
    );

  it('lets the event loop turn while it counts a large prompt, and counts it exactly', async () => {
    const request = { messages: [{ role: 'user', content: `${SAMPLE} ${words(50_000)}` }] };
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 1);
    const ahead = await precountPromptTokens('gpt-4o', request, new CountBudget(Number.POSITIVE_INFINITY));
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(2);
    expect(ahead).toBe(estimatePromptTokens(exactO200k, request));
  });

  it('is what estimatePromptTokens answers for the same body and encoding, without counting again', async () => {
    const request = { messages: [{ role: 'user', content: words(50_000) }] };
    const ahead = await precountPromptTokens(
      'gpt-4o-mini',
      request,
      new CountBudget(Number.POSITIVE_INFINITY),
    );
    const budget = new CountBudget(0);
    // With no budget left a count would be one token per byte; the answer is the count made ahead.
    expect(estimatePromptTokens(await tokenCounter('gpt-4o'), request, budget)).toBe(ahead);
    expect(estimatePromptTokens(await tokenCounter('gpt-4'), request, budget)).toBeGreaterThan(ahead);
  });
});
