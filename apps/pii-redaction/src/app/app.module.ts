import { Module } from '@nestjs/common';
import { HealthModule } from '@tollgate/platform-observability';

// Detection and redaction policies arrive with the PII issue; this service boots, reports health and
// shuts down like the others so the deployment shape is complete.
@Module({ imports: [HealthModule] })
export class AppModule {}
