export * from './estimation/token-estimator';
export * from './catalog/price-entry';
export * from './catalog/price-catalog';
export * from './catalog/cost';
export * from './catalog/meter';
export { CountBudget, COUNT_BUDGET_UNITS, LONGEST_EXACT_CHUNK } from './estimation/bounded-token-count';
export * from './catalog/money';
export * from './catalog/price-bounds';
