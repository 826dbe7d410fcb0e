import { startTelemetry } from '@tollgate/platform-telemetry';

startTelemetry('analytics-ingester');
