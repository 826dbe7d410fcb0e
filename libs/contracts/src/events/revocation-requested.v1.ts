import { z } from 'zod';
import { envelopeSchemaOf, type Envelope } from '../envelope';

export const REVOCATION_REQUESTED_TYPE = 'gateway.revocation.requested';

// What may be revoked on another service's request, and why: each reason is a state of its own that the admin
// API shows (BricksLLM says "expired" for both).
export const RevocableEntitySchema = z.enum(['key', 'user']);
export type RevocableEntity = z.infer<typeof RevocableEntitySchema>;
export const RevocationReasonSchema = z.enum(['cost_limit_exhausted', 'expired']);
export type RevocationReason = z.infer<typeof RevocationReasonSchema>;

// auth-limit asks config-admin, the one writer of keys and users, to revoke one: it saw the total spend reach
// the cost limit, or the ttl run out. config-admin revokes it through its own path (version bump and outbox).
export const RevocationRequestedV1PayloadSchema = z.object({
  entity: RevocableEntitySchema,
  // The key's keyId, or the user's id (not the caller's own user id).
  id: z.uuid(),
  reason: RevocationReasonSchema,
});
export type RevocationRequestedV1Payload = z.infer<typeof RevocationRequestedV1PayloadSchema>;

export const RevocationRequestedV1Schema = envelopeSchemaOf(
  REVOCATION_REQUESTED_TYPE,
  1,
  RevocationRequestedV1PayloadSchema,
);
export type RevocationRequestedV1 = Envelope<RevocationRequestedV1Payload> & {
  type: typeof REVOCATION_REQUESTED_TYPE;
  version: 1;
};
