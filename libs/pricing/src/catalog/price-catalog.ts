import seed from './prices.seed.json';
import extra from './prices.extra.json';
import { priceEntryOf, SeedEntrySchema, type PriceEntry } from './price-entry';

// Providers whose catalog keys are the bare model id; every other provider's keys carry a `provider/` prefix.
const UNPREFIXED = new Set(['openai', 'anthropic']);

// A Bedrock model id ([us.|eu.|apac.|global.…]anthropic.<model>-v<N>[:<M>], a cross-region inference profile
// or a base model) names the vendor's model: anthropic.claude-3-haiku-20240307-v1:0 is claude-3-haiku-20240307.
const BEDROCK_MODEL_ID = /^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic\.(.+?)-v\d+(?::\d+)?$/;

// Names a request may use for a catalogued model: a dated snapshot (gpt-4o-2024-08-06,
// claude-3-5-haiku-20241022, ...@20240229, OpenAI's older gpt-3.5-turbo-0125), a provider-prefixed id
// (openai/gpt-4o) or a Bedrock model id bills as its base entry.
function nameVariants(model: string): string[] {
  const bedrock = BEDROCK_MODEL_ID.exec(model);
  if (bedrock?.[1]) return [model, ...nameVariants(bedrock[1])];
  const variants = [model];
  const undated = model.replace(/([-@])(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/, '');
  if (undated !== model) variants.push(undated);
  const slash = model.indexOf('/');
  if (slash > 0) {
    const bare = model.slice(slash + 1);
    variants.push(bare, ...nameVariants(bare).slice(1));
  }
  return variants;
}

// The pricing catalog held in memory: a request's model resolves to one entry, or to none.
export class PriceCatalog {
  private readonly entries = new Map<string, PriceEntry>();

  constructor(entries: Iterable<PriceEntry> = []) {
    for (const entry of entries) this.entries.set(entry.key, entry);
  }

  // The catalog shipped with the gateway (../shared/data/prices.json, from litellm's MIT-licensed catalog).
  static seed(): PriceCatalog {
    return new PriceCatalog(seedEntries());
  }

  get size(): number {
    return this.entries.size;
  }

  all(): PriceEntry[] {
    return [...this.entries.values()];
  }

  get(key: string): PriceEntry | null {
    return this.entries.get(key) ?? null;
  }

  set(entry: PriceEntry): void {
    this.entries.set(entry.key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  // The provider's own entry first (azure/gpt-4o), then the model's list price (gpt-4o) for providers that
  // resell another vendor's models, as Azure does OpenAI's.
  resolve(provider: string, model: string): PriceEntry | null {
    if (!model) return null;
    const prefixes = UNPREFIXED.has(provider) ? [''] : [`${provider}/`, ''];
    for (const name of nameVariants(model)) {
      for (const prefix of prefixes) {
        const entry = this.entries.get(prefix + name);
        if (entry) return entry;
      }
    }
    return null;
  }
}

// The token-priced catalog (prices.seed.json, litellm's) and the per-unit prices it leaves out
// (prices.extra.json: images, audio minutes, speech characters, from OpenAI's public price list).
export function seedEntries(): PriceEntry[] {
  return [...Object.entries(seed.models), ...Object.entries(extra.models)].map(([key, value]) =>
    priceEntryOf(key, SeedEntrySchema.parse(value)),
  );
}
