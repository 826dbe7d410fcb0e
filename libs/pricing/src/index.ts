export * from './estimation/token-estimator';
