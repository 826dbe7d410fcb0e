import { startTelemetry } from '@tollgate/platform-telemetry';

startTelemetry('config-admin');
