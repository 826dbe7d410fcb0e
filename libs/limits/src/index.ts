export * from './calendar-window';
export * from './window-limiter';
