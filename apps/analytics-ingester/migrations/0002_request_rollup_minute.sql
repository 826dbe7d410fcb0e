-- Per minute, per key and model: the time series and latency percentiles of the dashboards and of reporting
-- over whole minutes, without scanning raw events. Filled by a materialized view on every insert into
-- request_events; the ingester inserts each event exactly once, so the rollup counts each once too.
-- ClickHouse 18.16 has no SimpleAggregateFunction: every column is an aggregate state (…Merge to read),
-- named apart from the source columns so the view's aliases never shadow them.
CREATE TABLE IF NOT EXISTS request_rollup_minute (
  minute DateTime,
  key_id String,
  model String,
  provider String,
  requests AggregateFunction(count),
  successes AggregateFunction(sum, UInt64),
  rejected AggregateFunction(sum, UInt64),
  errors AggregateFunction(sum, UInt64),
  cost_micro_usd_sum AggregateFunction(sum, Int64),
  prompt_tokens_sum AggregateFunction(sum, UInt64),
  completion_tokens_sum AggregateFunction(sum, UInt64),
  latency_ms_sum AggregateFunction(sum, UInt64),
  latency_quantiles AggregateFunction(quantilesTDigest(0.5, 0.99), UInt32)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(minute)
ORDER BY (key_id, model, provider, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS request_rollup_minute_mv TO request_rollup_minute AS
SELECT
  toStartOfMinute(created_at) AS minute,
  key_id,
  model,
  provider,
  countState() AS requests,
  sumState(toUInt64(status >= 200 AND status < 300)) AS successes,
  sumState(toUInt64(outcome = 'rejected')) AS rejected,
  sumState(toUInt64(status >= 400)) AS errors,
  sumState(cost_micro_usd) AS cost_micro_usd_sum,
  sumState(toUInt64(prompt_tokens)) AS prompt_tokens_sum,
  sumState(toUInt64(completion_tokens)) AS completion_tokens_sum,
  sumState(toUInt64(latency_ms)) AS latency_ms_sum,
  quantilesTDigestState(0.5, 0.99)(latency_ms) AS latency_quantiles
FROM request_events
GROUP BY minute, key_id, model, provider;
