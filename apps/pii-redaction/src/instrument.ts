import { startTelemetry } from '@tollgate/platform-telemetry';

startTelemetry('pii-redaction');
