-- What the key's PII policy did to each request (issue 15): the policy's id, the action (allowed, warned,
-- redacted, blocked; empty when nothing was scanned) and the entity types found, never their values.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: a half-applied run of this file needs its ALTERs dropped.
ALTER TABLE request_events
  ADD COLUMN policy_id String,
  ADD COLUMN pii_action String,
  ADD COLUMN pii_entities Array(String);
