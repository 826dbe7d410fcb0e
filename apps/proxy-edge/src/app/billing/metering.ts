import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { PriceCatalog, priceEntryProblems, priceFromCostMap, type PriceEntry } from '@tollgate/pricing';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';
import { ProxyError } from '../request/proxy-error';

// Prices requests from the live catalog (PostgreSQL, pushed like every config change; the seed files when no
// catalog is loaded), with a provider setting's costMap first, and applies the unknown-model policy: an
// unknown model never costs a silent $0 (BricksLLM's unknown models escape every spend limit).
@Injectable()
export class Metering {
  private readonly logger = new Logger(Metering.name);
  private catalog = PriceCatalog.seed();
  private catalogRevision = -1;
  private readonly defaultPrice: PriceEntry | null;

  constructor(
    @Inject(PROXY_EDGE_CONFIG) private readonly config: ProxyEdgeConfig,
    @Optional() private readonly model?: ConfigReadModel,
  ) {
    this.defaultPrice =
      config.UNKNOWN_MODEL_POLICY === 'default_price'
        ? {
            key: 'default',
            provider: '*',
            mode: 'chat',
            model: '*',
            input: config.UNKNOWN_MODEL_INPUT_PRICE ?? 0,
            output: config.UNKNOWN_MODEL_OUTPUT_PRICE ?? 0,
            cachedInput: null,
            cacheWrite: null,
            batchInput: null,
            batchOutput: null,
            longContext: [],
            perImage: null,
            perMinute: null,
            perMillionCharacters: null,
          }
        : null;
  }

  // The entry a request bills at, or null (unpriced). Throws 403 where the policy blocks an unknown model.
  // `spendLimited`: a spend limit of the key or its user applies.
  priceFor(
    provider: string,
    model: string,
    spendLimited: boolean,
    costMap: unknown = null,
  ): PriceEntry | null {
    if (!model) return null;
    const entry = this.lookup(provider, model, costMap);
    if (entry) return entry;
    const policy = this.config.UNKNOWN_MODEL_POLICY;
    if (policy === 'block' || (policy === 'block_when_limited' && spendLimited))
      throw new ProxyError(
        'unknown_model_price',
        `model ${model} has no price in the catalog, so its cost cannot be counted; add it with PUT /api/pricing/${model}`,
      );
    return null;
  }

  // After the response, when the model is known only then (Azure's response model, a multipart upload's
  // field): never refuses, the request has run.
  lookup(provider: string, model: string, costMap: unknown = null): PriceEntry | null {
    if (!model) return null;
    return priceFromCostMap(costMap, model) ?? this.current().resolve(provider, model) ?? this.defaultPrice;
  }

  private current(): PriceCatalog {
    if (this.model && this.model.pricesRevision !== this.catalogRevision) {
      const prices = this.model.allPrices().filter((entry) => this.usable(entry));
      this.catalog = prices.length > 0 ? new PriceCatalog(prices) : PriceCatalog.seed();
      this.catalogRevision = this.model.pricesRevision;
    }
    return this.catalog;
  }

  // A price stored before prices were checked (1e307 per 1M tokens) would bill nothing or everything: its
  // model counts as unknown instead (blocked under a spend limit, unpriced elsewhere), never as $0.
  private usable(entry: PriceEntry): boolean {
    const problems = priceEntryProblems(entry);
    if (problems.length > 0)
      this.logger.error(`price of ${entry.key} not used, out of bounds: ${problems.join('; ')}`);
    return problems.length === 0;
  }
}
