import { z } from 'zod';
import { envelopeSchemaOf, type Envelope } from '../envelope';
import { upgradeMicroDollarPayload } from './legacy-money';

export const REQUEST_COMPLETED_TYPE = 'gateway.request.completed';

// How a proxied request ended. Every request yields exactly one event, whatever the outcome.
export const RequestOutcomeSchema = z.enum([
  'success', // upstream answered 2xx and the response reached the client
  'upstream_error', // upstream answered non-2xx, passed through
  'rejected', // the gateway refused it (auth, limits, policy, bad input)
  'client_aborted', // the client went away before the response ended
  'gateway_error', // the gateway failed (upstream unreachable, timeout)
]);
export type RequestOutcome = z.infer<typeof RequestOutcomeSchema>;

export const TokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  // Part of promptTokens read from the provider's prompt cache.
  cachedPromptTokens: z.number().int().nonnegative(),
  // Part of promptTokens written to the prompt cache (Anthropic cache creation, OpenAI cache_write_tokens).
  cacheWriteTokens: z.number().int().nonnegative(),
  // Part of cacheWriteTokens written with a 1-hour TTL (Anthropic), billed at its own price.
  cacheWrite1hTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  // false: the provider reported these numbers; true: the gateway counted them with a tokenizer.
  estimated: z.boolean(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

// Money is integer nano-dollars (1e-9 USD): exact for any call, however cheap, and for any sum of them up to
// 2^53 - 1 nano-dollars (about $9 million) per request.
const NanoUsdSchema = z.number().int().nonnegative();

// What admission charged before the request ran, so settlement can replace the reservation with the actual
// cost and tokens, on exactly the counters that were charged (they may belong to windows long turned).
export const AdmissionChargeSchema = z.object({
  reservedNanoUsd: NanoUsdSchema,
  reservedTokens: z.number().int().nonnegative(),
  costCounters: z.array(z.string()),
  tokenCounters: z.array(z.string()),
});
export type AdmissionCharge = z.infer<typeof AdmissionChargeSchema>;

// A logged request or response body (the key's shouldLogRequest / shouldLogResponse), whatever its content
// type: JSON and text as they are, anything else as base64; cut at the gateway's logging limit.
export const LoggedBodySchema = z.object({
  contentType: z.string(),
  encoding: z.enum(['json', 'text', 'base64']),
  body: z.string(),
  truncated: z.boolean(),
});
export type LoggedBody = z.infer<typeof LoggedBodySchema>;

// A usage billed after the request that caused it, named `<kind>:<id>` (e.g. `response:resp_…`,
// `run:run_…`): an object the provider finishes later and whose usage the gateway bills when it sees it.
export const LateUsageClaimSchema = z.string().regex(/^(response|run|file):[^\s]+$/);

// One upstream attempt of a route: which step (index), which try of it (0 first), and how it ended.
export const RouteAttemptSchema = z.object({
  step: z.number().int().nonnegative(),
  attempt: z.number().int().nonnegative(),
  provider: z.string(),
  model: z.string(),
  status: z.number().int().nullable(),
  outcome: z.enum(['success', 'retryable_error', 'fatal_error', 'timeout', 'connection_error']),
  latencyMs: z.number().int().nonnegative(),
});
export type RouteAttempt = z.infer<typeof RouteAttemptSchema>;

const PayloadFieldsSchema = z.object({
  requestId: z.uuid(),
  keyId: z.string().nullable(),
  tags: z.array(z.string()),
  provider: z.string(),
  model: z.string(),
  path: z.string(),
  method: z.string(),
  status: z.number().int().min(100).max(599),
  outcome: RequestOutcomeSchema,
  stream: z.boolean(),
  latencyMs: z.number().int().nonnegative(),
  usage: TokenUsageSchema,
  // Nano-dollars; null when what was used has no price (never a silent $0). Events published before
  // nano-dollars say costMicroUsd, read as the same amount in nano-dollars.
  costNanoUsd: NanoUsdSchema.nullable(),
  priceEntry: z.string().nullable(),
  userId: z.string(),
  customId: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  errorCode: z.string().nullable(),
  // The user entity the request was bound to (by the body's user id and the key's tags), if any.
  userEntityId: z.string().nullable().default(null),
  admission: AdmissionChargeSchema.nullable().default(null),
  request: LoggedBodySchema.nullable().default(null),
  response: LoggedBodySchema.nullable().default(null),
  // The request started something billed later (a background response, an assistants run): its reservation
  // (admission) is held until the event that bills that claim, instead of being settled now.
  reservationHeldFor: LateUsageClaimSchema.nullable().default(null),
  // The late usages this request billed, once each: their held reservations are released.
  lateUsageBilled: z.array(LateUsageClaimSchema).default([]),
  // The key's PII policy, what it did to the request, and the entity types it found (never their values).
  // piiAction is null when no scan ran (no policy, or one whose every rule is allow).
  policyId: z.string().nullable().default(null),
  piiAction: z.enum(['allowed', 'warned', 'redacted', 'blocked']).nullable().default(null),
  piiEntities: z.array(z.string()).default([]),
  // Routes (/api/routes/<path>): the route served, the index of the step that answered, every attempt made.
  routeId: z.string().nullable().default(null),
  routeStep: z.number().int().nonnegative().nullable().default(null),
  routeAttempts: z.array(RouteAttemptSchema).default([]),
  // A route with a cache: whether the answer came from it (a hit costs nothing).
  cache: z.enum(['hit', 'miss']).nullable().default(null),
});

export const RequestCompletedV1PayloadSchema = z.preprocess(upgradeMicroDollarPayload, PayloadFieldsSchema);
export type RequestCompletedV1Payload = z.infer<typeof PayloadFieldsSchema>;

export const RequestCompletedV1Schema = envelopeSchemaOf(
  REQUEST_COMPLETED_TYPE,
  1,
  RequestCompletedV1PayloadSchema,
);
export type RequestCompletedV1 = Envelope<RequestCompletedV1Payload> & {
  type: typeof REQUEST_COMPLETED_TYPE;
  version: 1;
};
