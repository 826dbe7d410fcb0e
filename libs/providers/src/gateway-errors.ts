// The gateway's own refusals and failures: one code each, with the one HTTP status it is answered with.
// Every adapter maps these into its provider's error shape, so the SDKs raise their usual typed errors.
export const GATEWAY_ERROR_STATUS = {
  invalid_json: 400,
  invalid_timeout: 400,
  // A path with dot segments, backslashes or encoded separators or dots, refused before it is matched.
  invalid_path: 400,
  json_too_deep: 400,
  // A request billed per image, character or audio minute that names no model (or, for an upload, not in
  // its first 64 KiB): the provider would pick one the gateway cannot price.
  model_required: 400,
  // A route request its step's provider cannot carry (an OpenAI chat field Anthropic has no equivalent for).
  untranslatable_request: 400,
  // Under a spend or token limit, a request whose most it may cost cannot be counted or bounded.
  cost_not_reservable: 400,
  missing_api_key: 401,
  invalid_api_key: 401,
  revoked_api_key: 401,
  expired_api_key: 401,
  user_revoked: 401,
  user_expired: 401,
  path_not_allowed: 403,
  path_not_allowed_for_user: 403,
  model_not_allowed: 403,
  model_not_allowed_for_user: 403,
  provider_not_configured: 403,
  unknown_model_price: 403,
  // An endpoint whose cost no reservation can bound (batches), for a key or user with a spend limit.
  spend_limited_endpoint: 403,
  // The key's PII policy blocks what the prompt holds (the message names the entity types, never values).
  pii_blocked: 403,
  // An upload (multipart or binary) on a key whose PII policy needs a scan: its content cannot be scanned.
  pii_unscannable: 403,
  route_not_supported: 404,
  request_too_large: 413,
  rate_limited: 429,
  spend_limited: 429,
  token_limited: 429,
  too_many_in_flight: 429,
  user_rate_limited: 429,
  user_spend_limited: 429,
  user_token_limited: 429,
  user_too_many_in_flight: 429,
  // The key holds its share of the process's buffered request bytes: one key cannot take the whole budget.
  too_many_request_bytes: 429,
  internal_error: 500,
  upstream_unreachable: 502,
  limits_unavailable: 503,
  // The process holds as many buffered request bodies as it may: a retry later (or elsewhere) succeeds.
  gateway_busy: 503,
  // The PII scan service did not answer in time (or at all) for a key whose policy needs it (fail closed).
  pii_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, number>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

export function gatewayErrorStatus(code: GatewayErrorCode): number {
  return GATEWAY_ERROR_STATUS[code];
}
