export * from './estimation/token-estimator';
export * from './catalog/price-entry';
export * from './catalog/price-catalog';
export * from './catalog/cost';
export * from './catalog/meter';
export * from './catalog/money';
export * from './catalog/price-bounds';
