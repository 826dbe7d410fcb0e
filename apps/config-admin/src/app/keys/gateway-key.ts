import { z } from 'zod';

// A gateway key is a bearer secret: short ones can be guessed through the proxy. The upper bound keeps a
// key stored as given (isKeyNotHashed) inside PostgreSQL's index entry limit.
export const GATEWAY_KEY_MIN_LENGTH = 20;
export const GATEWAY_KEY_MAX_LENGTH = 512;

export const GatewayKeySchema = z
  .string()
  .min(
    GATEWAY_KEY_MIN_LENGTH,
    `must be at least ${GATEWAY_KEY_MIN_LENGTH} characters (e.g. \`openssl rand -hex 24\`)`,
  )
  .max(GATEWAY_KEY_MAX_LENGTH);
