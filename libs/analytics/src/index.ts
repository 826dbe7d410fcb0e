export * from './request-event.row';
export * from './request-events.table';
export * from './request-events.filter';
export * from './reporting.queries';
export * from './ingestion.queries';
