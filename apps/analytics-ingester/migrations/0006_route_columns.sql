-- Routes (/api/routes/<path>): the route served, the index of the step that answered (-1: none, or not a
-- route), every upstream attempt as a JSON array (step, attempt, provider, model, status, outcome, latencyMs),
-- and whether a route cache answered ('hit'), missed ('miss') or was not used (''). Rows written before read
-- the defaults. ClickHouse 18.16: no Nullable-friendly JSON inserts, no ADD COLUMN IF NOT EXISTS (a
-- half-applied run of this file needs its ALTERs dropped) and no JSON type, hence the sentinels and a string.
ALTER TABLE request_events ADD COLUMN route_id String DEFAULT '';
ALTER TABLE request_events ADD COLUMN route_step Int16 DEFAULT -1;
ALTER TABLE request_events ADD COLUMN route_attempts String DEFAULT '[]';
ALTER TABLE request_events ADD COLUMN cache String DEFAULT '';
