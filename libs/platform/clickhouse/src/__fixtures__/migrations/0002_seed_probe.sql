CREATE TABLE IF NOT EXISTS probe_copy (id UInt32) ENGINE = MergeTree() ORDER BY id;
INSERT INTO probe_copy VALUES (1), (2);
