-- Money became integer nano-dollars (1e-9 USD): the exact cost of any call, however cheap. Rows written before
-- hold micro-dollars only: their cost_nano_usd is computed from cost_micro_usd × 1000 by the DEFAULT (for parts
-- written before this column existed ClickHouse evaluates it on read and on merge), exactly. New rows carry
-- both: cost_nano_usd exact, cost_micro_usd rounded half up per row (for queries written before; deprecated).
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: a half-applied run of this file needs its ALTERs dropped.
ALTER TABLE request_events ADD COLUMN cost_nano_usd Int64 DEFAULT cost_micro_usd * 1000;

-- The rollup's old minutes carry micro-dollar sums only: their nano-dollar sum is derived the same way.
ALTER TABLE request_rollup_minute
  ADD COLUMN cost_nano_usd_sum AggregateFunction(sum, Int64)
  DEFAULT arrayReduce('sumState', [toInt64(finalizeAggregation(cost_micro_usd_sum) * 1000)]);

-- The view writes the nano-dollar sum from now on (a view's query cannot be altered: it is replaced; the
-- ingester runs migrations before it consumes, so no insert falls between the two).
DROP TABLE IF EXISTS request_rollup_minute_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS request_rollup_minute_nano_mv TO request_rollup_minute AS
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
  sumState(cost_nano_usd) AS cost_nano_usd_sum,
  sumState(toUInt64(prompt_tokens)) AS prompt_tokens_sum,
  sumState(toUInt64(completion_tokens)) AS completion_tokens_sum,
  sumState(toUInt64(latency_ms)) AS latency_ms_sum,
  quantilesTDigestState(0.5, 0.99)(latency_ms) AS latency_quantiles
FROM request_events
GROUP BY minute, key_id, model, provider;
