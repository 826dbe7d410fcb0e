// Token counts on the request path (admission reserves the prompt; settlement estimates it when a provider
// reports no usage) run on the event loop every other request shares, and gpt-tokenizer's byte-pair merge is
// quadratic in the length of one pre-tokenized chunk (a megabyte "word" takes minutes). So a count does a
// bounded amount of work (docs/adr/0011-bounded-request-work.md):
// - a chunk longer than LONGEST_EXACT_CHUNK characters is not merged but counted as one token per UTF-8 byte;
// - once the request's budget is spent, the rest of the text is counted the same way.
// One token per byte is never fewer than the tokenizer's count: the text is split into chunks that are
// encoded independently, and every token of a byte-level BPE covers at least one byte. Cuts are made only at
// chunk boundaries, so a reservation stays an upper bound.

// What a count reads of an encoding.
export interface Tokenizer {
  // The encoding's pre-tokenizer: the global, unicode regex that splits text into the chunks BPE encodes.
  readonly splitter: RegExp;
  // Chunks that are one token of the vocabulary: counted by a lookup, as gpt-tokenizer counts them.
  readonly vocabulary: ReadonlySet<string>;
  // gpt-tokenizer's count of one chunk that is not in the vocabulary (a byte-pair merge, cached by it).
  mergedTokens(chunk: string): number;
  // The chunks merged most recently: certainly still in gpt-tokenizer's cache.
  readonly recentMerges: RecentMerges;
}

// gpt-tokenizer keeps its last 100,000 merges (least recently used out first). A smaller LRU fed the same
// sequence holds a subset of it, so a chunk found here costs a cache lookup, not a merge.
export class RecentMerges {
  private readonly chunks = new Map<string, true>();

  constructor(private readonly capacity = 50_000) {}

  // Records the merge of `chunk`; whether it was among the recent ones.
  touch(chunk: string): boolean {
    const recent = this.chunks.delete(chunk);
    this.chunks.set(chunk, true);
    if (!recent && this.chunks.size > this.capacity) {
      const oldest = this.chunks.keys().next();
      if (!oldest.done) this.chunks.delete(oldest.value);
    }
    return recent;
  }
}

// Longest chunk merged exactly (its cost grows with the square of its length); longer ones are rare in real
// text (long runs of one letter class: a base64 blob, a line of dashes).
export const LONGEST_EXACT_CHUNK = 256;

// Work units, each about a nanosecond on the machine the figures were measured on (ADR). The default budget is
// about 10 ms of counting per request: natural text is counted exactly up to a few hundred kilobytes, random
// letters up to about 10 KB, whatever their shape.
export const COUNT_BUDGET_UNITS = 10_000_000;
const COST = {
  // Splitting the text into chunks, and looking each up in the vocabulary.
  perChar: 30,
  perChunk: 300,
  perCall: 2_000,
  // A chunk merged recently: gpt-tokenizer answers from its cache.
  cachedMerge: 1_500,
  // Merging a chunk the tokenizer has not cached: a setup, then about a microsecond per byte, and a quadratic
  // term that matters near LONGEST_EXACT_CHUNK.
  mergeSetup: 3_000,
  mergePerByte: 1_000,
  mergePerByteSquared: 5,
};

// Windows the splitter reads at a time, so one regex match never scans megabytes; a chunk ending within the
// margin of a window's end may run on past it (a contraction's suffix, a surrogate pair) and is read again
// at the start of the next window.
const WINDOW_CHARS = 64 * 1024;
const WINDOW_MARGIN = 8;

// The work one request may still spend on exact counts, shared by every text it counts (messages, tools...).
export class CountBudget {
  // Units spent so far (what a slice of work is measured by, even on an unbounded budget).
  used = 0;

  constructor(public units: number = COUNT_BUDGET_UNITS) {}

  charge(units: number): void {
    this.units -= units;
    this.used += units;
  }

  get spent(): boolean {
    return this.units <= 0;
  }
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// The tokens of `text`: exact while the budget lasts, one per byte past it and for overlong chunks.
export function countTokensWithin(tokenizer: Tokenizer, text: string, budget: CountBudget): number {
  const count = new BoundedCount(tokenizer, text, budget);
  count.step();
  return count.tokens();
}

// One text's count, which can also be done a slice of work at a time (precountPromptTokens yields to the
// event loop between slices).
export class BoundedCount {
  private counted = 0;
  private pos = 0;
  private finished = false;
  // The budget used when the current slice began, and how much the slice may spend.
  private sliceStart = 0;
  private sliceUnits = Number.POSITIVE_INFINITY;

  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly text: string,
    private readonly budget: CountBudget,
  ) {
    if (text) budget.charge(COST.perCall);
  }

  // Counts on until the text is read, the budget is spent or `sliceUnits` more are; whether it is done.
  step(sliceUnits = Number.POSITIVE_INFINITY): boolean {
    this.sliceStart = this.budget.used;
    this.sliceUnits = sliceUnits;
    while (!this.finished && !this.sliceSpent()) {
      const next = this.readWindow(this.pos);
      // Read to the end, or one chunk fills a whole window: it and the rest are estimated.
      this.finished = next >= this.text.length || (next === this.pos && !this.sliceSpent());
      this.pos = next;
    }
    if (this.budget.spent) this.finished = true;
    return this.finished;
  }

  // The count once done: exact tokens so far, one per byte for the rest.
  tokens(): number {
    return this.counted + utf8Bytes(this.text.slice(this.pos));
  }

  private sliceSpent(): boolean {
    return this.budget.spent || this.budget.used - this.sliceStart >= this.sliceUnits;
  }

  // Counts the chunks of the window at `pos`; returns where the next window starts: the start of the first
  // chunk not counted (one that may run on past the window, or the one the budget or slice ran out at).
  private readWindow(pos: number): number {
    const end = Math.min(this.text.length, pos + WINDOW_CHARS);
    const lastWindow = end === this.text.length;
    const window = this.text.slice(pos, end);
    const splitter = this.tokenizer.splitter;
    splitter.lastIndex = 0;
    for (let match = splitter.exec(window); match; match = splitter.exec(window)) {
      const chunk = match[0];
      if (chunk.length === 0) {
        splitter.lastIndex += 1;
        continue;
      }
      const start = pos + match.index;
      if ((!lastWindow && start + chunk.length > end - WINDOW_MARGIN) || this.sliceSpent()) return start;
      this.counted += this.chunkTokens(chunk);
    }
    return end;
  }

  private chunkTokens(chunk: string): number {
    const { budget, tokenizer } = this;
    budget.charge(COST.perChar * chunk.length + COST.perChunk);
    // Quadratic to merge: one token per byte instead.
    if (chunk.length > LONGEST_EXACT_CHUNK) return utf8Bytes(chunk);
    if (tokenizer.vocabulary.has(chunk)) return 1;
    budget.charge(tokenizer.recentMerges.touch(chunk) ? COST.cachedMerge : mergeCost(utf8Bytes(chunk)));
    return tokenizer.mergedTokens(chunk);
  }
}

function mergeCost(bytes: number): number {
  return COST.mergeSetup + COST.mergePerByte * bytes + COST.mergePerByteSquared * bytes * bytes;
}
