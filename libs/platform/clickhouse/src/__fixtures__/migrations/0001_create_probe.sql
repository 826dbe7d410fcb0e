-- Fixture migration for the migrator's integration test.
CREATE TABLE IF NOT EXISTS probe (id UInt32, label String) ENGINE = MergeTree() ORDER BY id;
