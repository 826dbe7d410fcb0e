-- One row per proxied request (the gateway.request.completed.v1 event).
-- ReplacingMergeTree collapses redelivered events (same sorting key, event_id last) when parts merge;
-- reporting queries that must be exact read with FINAL.
-- Runs on ClickHouse 18.16 and current versions: no DateTime64, no LowCardinality, no TTL.
CREATE TABLE IF NOT EXISTS request_events (
  event_id String,
  created_at DateTime,
  created_at_ms UInt16,
  request_id String,
  key_id String,
  tags Array(String),
  provider String,
  model String,
  path String,
  method String,
  status UInt16,
  outcome String,
  stream UInt8,
  latency_ms UInt32,
  prompt_tokens UInt32,
  completion_tokens UInt32,
  cached_prompt_tokens UInt32,
  cache_write_tokens UInt32,
  reasoning_tokens UInt32,
  total_tokens UInt32,
  usage_estimated UInt8,
  cost_micro_usd Int64,
  cost_known UInt8,
  price_entry String,
  user_id String,
  custom_id String,
  metadata String,
  error_code String,
  producer String,
  traceparent String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(created_at)
ORDER BY (key_id, created_at, event_id);
