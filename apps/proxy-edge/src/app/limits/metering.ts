import { Inject, Injectable } from '@nestjs/common';
import { PriceCatalog, type PriceEntry } from '@tollgate/pricing';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';
import { ProxyError } from '../proxy/proxy-error';

// Prices requests from the catalog, and applies the unknown-model policy: an unknown model never costs a
// silent $0 (BricksLLM's unknown models escape every spend limit).
@Injectable()
export class Metering {
  readonly catalog = PriceCatalog.seed();
  private readonly defaultPrice: PriceEntry | null;

  constructor(@Inject(PROXY_EDGE_CONFIG) private readonly config: ProxyEdgeConfig) {
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
          }
        : null;
  }

  // The entry a token-priced request bills at; null records it unpriced (only where no spend limit applies
  // under block_when_limited). `spendLimited`: a spend limit of the key or its user applies.
  priceFor(provider: string, model: string, spendLimited: boolean): PriceEntry | null {
    if (!model) return null;
    const entry = this.catalog.resolve(provider, model) ?? this.defaultPrice;
    if (entry) return entry;
    const policy = this.config.UNKNOWN_MODEL_POLICY;
    if (policy === 'block' || (policy === 'block_when_limited' && spendLimited))
      throw new ProxyError(
        403,
        'unknown_model_price',
        `model ${model} has no price in the catalog, so its cost cannot be counted; add it to the pricing catalog`,
      );
    return null;
  }
}
