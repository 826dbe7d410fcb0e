import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { KeySnapshot } from '@tollgate/contracts';
import { KeyEntity, toKeySnapshot } from '@tollgate/config-entities';
import type { ConfigReadModel } from './config-read-model';
import { LookupBudget } from './lookup-budget';

// Keys stored under any of `values` (as the key or a rotated-out previous key), with the database time.
export type KeySource = (
  values: string[],
) => Promise<{ at: Date; keys: { version: number; data: KeySnapshot }[] }>;

export interface UnknownKeyOptions {
  perSecond: number;
  negativeTtlMs: number;
}

const NEGATIVE_CACHE_MAX = 10_000;
const LOOKUP_TIMEOUT_MS = 1_000;

// A key the read model does not hold is looked up in PostgreSQL once, so a key is usable the moment it
// exists even on an instance the change has not reached yet. Bounded: a key found unknown is refused without
// a lookup for negativeTtlMs, and past perSecond lookups a second an unknown key is refused at once.
export class UnknownKeyLookup {
  private readonly logger = new Logger(UnknownKeyLookup.name);
  private readonly budget: LookupBudget;
  // sha256 of a presented value → when it may be looked up again.
  private readonly unknownUntil = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<KeySnapshot | null>>();

  constructor(
    private readonly source: KeySource,
    private readonly model: ConfigReadModel,
    private readonly options: UnknownKeyOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.budget = new LookupBudget(options.perSecond, now);
  }

  // null at once when the key is known unknown or the lookup budget is spent; otherwise the lookup's result.
  find(presented: string): Promise<KeySnapshot | null> | null {
    const hash = createHash('sha256').update(presented, 'utf8').digest('hex');
    const shared = this.inFlight.get(hash);
    if (shared) return shared;
    if ((this.unknownUntil.get(hash) ?? 0) > this.now()) return null;
    if (!this.budget.tryTake()) return null;
    const lookup = this.lookUp(presented, hash).finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, lookup);
    return lookup;
  }

  private async lookUp(presented: string, hash: string): Promise<KeySnapshot | null> {
    try {
      const { at, keys } = await withTimeout(this.source([hash, presented]), LOOKUP_TIMEOUT_MS);
      for (const { version, data } of keys)
        this.model.apply({ op: 'upsert', entity: 'key', id: data.keyId, version, occurredAt: at, data });
    } catch (error) {
      // Not remembered as unknown: the next request may look it up again, within the budget.
      this.logger.warn(`unknown-key lookup failed: ${String(error)}`);
      return null;
    }
    const found = this.model.findKey(presented);
    if (!found) this.rememberUnknown(hash);
    return found;
  }

  private rememberUnknown(hash: string): void {
    if (this.unknownUntil.size >= NEGATIVE_CACHE_MAX) {
      const oldest = this.unknownUntil.keys().next().value;
      if (oldest !== undefined) this.unknownUntil.delete(oldest);
    }
    this.unknownUntil.set(hash, this.now() + this.options.negativeTtlMs);
  }
}

// The PostgreSQL source: one statement on the keys table per lookup.
export function keysInDatabase(dataSource: DataSource): KeySource {
  return async (values) => {
    const { entities, raw } = await dataSource
      .getRepository(KeyEntity)
      .createQueryBuilder('k')
      .addSelect('now()', 'looked_up_at')
      .where('k.key IN (:...values) OR k.previous_key IN (:...values)', { values })
      .getRawAndEntities<{ looked_up_at: Date }>();
    const keys = entities.map((k) => ({ version: k.version, data: toKeySnapshot(k) }));
    // The time matters only with a key found (it has happened by then); no row, no time.
    return { at: new Date(raw[0]?.looked_up_at ?? 0), keys };
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
