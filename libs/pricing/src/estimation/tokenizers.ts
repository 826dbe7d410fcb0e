import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { CountBudget, countTokensWithin, RecentMerges, type Tokenizer } from './bounded-token-count';

// Counts the tokens of a text, with a bounded amount of work (bounded-token-count.ts). Pass one budget to
// every count of a request; without one, each call gets a budget of its own.
export type TokenCounter = (text: string, budget?: CountBudget) => number;

// Special tokens in a prompt are plain text to the provider (and to this count); gpt-tokenizer's default
// throws on them.
const SPECIALS_AS_TEXT = { disallowedSpecial: new Set<string>() };

// Encodings load lazily (each costs tens of MB): only a request with a spend or token limit, or one whose
// provider reported no usage, needs one.
const LOADERS = {
  cl100k_base: async (): Promise<Tokenizer> => {
    const [{ countTokens }, ranks] = await Promise.all([
      import('gpt-tokenizer/encoding/cl100k_base'),
      import('gpt-tokenizer/bpeRanks/cl100k_base'),
    ]);
    return tokenizerOf(CL100K_TOKEN_SPLIT_REGEX, ranks.default, (chunk) =>
      countTokens(chunk, SPECIALS_AS_TEXT),
    );
  },
  o200k_base: async (): Promise<Tokenizer> => {
    const [{ countTokens }, ranks] = await Promise.all([
      import('gpt-tokenizer/encoding/o200k_base'),
      import('gpt-tokenizer/bpeRanks/o200k_base'),
    ]);
    return tokenizerOf(O200K_TOKEN_SPLIT_REGEX, ranks.default, (chunk) =>
      countTokens(chunk, SPECIALS_AS_TEXT),
    );
  },
};
const tokenizers = new Map<keyof typeof LOADERS, Promise<Tokenizer>>();
const counters = new Map<keyof typeof LOADERS, Promise<TokenCounter>>();

function tokenizerOf(
  splitter: RegExp,
  ranks: readonly (string | number[])[],
  mergedTokens: (chunk: string) => number,
): Tokenizer {
  const vocabulary = new Set(ranks.filter((token): token is string => typeof token === 'string'));
  // A copy: the counter moves lastIndex, gpt-tokenizer's own splitting must not see it.
  return {
    splitter: new RegExp(splitter.source, splitter.flags),
    vocabulary,
    mergedTokens,
    recentMerges: new RecentMerges(),
  };
}

// cl100k for the GPT-4 and GPT-3.5 families and the first embeddings; o200k for everything newer and, as the
// closest public approximation, for other vendors' models (the event marks such counts as estimated).
export function encodingFor(model: string): keyof typeof LOADERS {
  return /^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-(ada|3)|ada)/.test(model) ? 'cl100k_base' : 'o200k_base';
}

export function tokenizerFor(model: string): Promise<Tokenizer> {
  const name = encodingFor(model);
  let tokenizer = tokenizers.get(name);
  if (!tokenizer) {
    tokenizer = LOADERS[name]();
    tokenizers.set(name, tokenizer);
  }
  return tokenizer;
}

// One counter per encoding (the same function for every model that uses it).
export function tokenCounter(model: string): Promise<TokenCounter> {
  const name = encodingFor(model);
  let counter = counters.get(name);
  if (!counter) {
    counter = tokenizerFor(model).then(
      (tokenizer) =>
        (text: string, budget = new CountBudget()) =>
          countTokensWithin(tokenizer, text, budget),
    );
    counters.set(name, counter);
  }
  return counter;
}
