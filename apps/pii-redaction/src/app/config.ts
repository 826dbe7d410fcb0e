import type { z } from 'zod';
import { LogEnv, port } from '@tollgate/platform-config';

// PII detection is pure computation: the service has no external dependency to configure yet.
export const PiiRedactionEnv = LogEnv.extend({ PII_REDACTION_PORT: port(8004) });
export type PiiRedactionConfig = z.infer<typeof PiiRedactionEnv>;
