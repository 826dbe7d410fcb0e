import { startTelemetry } from '@tollgate/platform-telemetry';

startTelemetry('auth-limit');
