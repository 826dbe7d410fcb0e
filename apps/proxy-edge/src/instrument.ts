import { startTelemetry } from '@tollgate/platform-telemetry';

startTelemetry('proxy-edge');
