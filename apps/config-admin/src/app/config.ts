import { DatabaseEnv, LogEnv, port } from '@tollgate/platform-config';
import type { z } from 'zod';

export const ConfigAdminEnv = DatabaseEnv.extend(LogEnv.shape).extend({ CONFIG_ADMIN_PORT: port(8001) });
export type ConfigAdminConfig = z.infer<typeof ConfigAdminEnv>;
