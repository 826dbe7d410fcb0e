export * from './calendar-window';
export * from './window-limiter';
export * from './limit-plan';
export * from './settlement';
export * from './micro-dollar-counters';
