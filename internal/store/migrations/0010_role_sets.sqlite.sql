-- Counts of events by role, type and the set of keys having that role
-- in the event ("CHN|KOR", keys sorted and joined by |), replacing
-- event_role_counts (by single key): how many events one of several ids
-- has a role in, counted without reading the events, is the sum over the
-- sets holding one of them; one id is the same query. role_set_keys
-- finds the sets holding a key. Ingest keeps both; sets whose count
-- drops to 0 stay, counting nothing.
CREATE TABLE role_sets (
	role TEXT NOT NULL,
	type TEXT NOT NULL,
	keys TEXT NOT NULL,
	n    BIGINT NOT NULL,
	PRIMARY KEY (role, type, keys)
);
CREATE TABLE role_set_keys (
	key  TEXT NOT NULL,
	role TEXT NOT NULL,
	type TEXT NOT NULL,
	keys TEXT NOT NULL,
	PRIMARY KEY (key, role, type, keys)
);

INSERT INTO role_sets (role, type, keys, n)
WITH r AS (
	SELECT event_id, key, type, 'actor' AS role FROM event_keys WHERE (roles & 1) <> 0
	UNION ALL SELECT event_id, key, type, 'recipient' FROM event_keys WHERE (roles & 2) <> 0
	UNION ALL SELECT event_id, key, type, 'person' FROM event_keys WHERE (roles & 4) <> 0
	UNION ALL SELECT event_id, key, type, 'country' FROM event_keys WHERE (roles & 8) <> 0
	UNION ALL SELECT event_id, key, type, 'pair' FROM event_keys WHERE (roles & 16) <> 0
), s AS (
	SELECT event_id, role, type, group_concat(key, '|' ORDER BY key) AS keys FROM r GROUP BY event_id, role, type
)
SELECT role, type, keys, COUNT(*) FROM s GROUP BY role, type, keys;

INSERT INTO role_set_keys (key, role, type, keys)
WITH r AS (
	SELECT event_id, key, type, 'actor' AS role FROM event_keys WHERE (roles & 1) <> 0
	UNION ALL SELECT event_id, key, type, 'recipient' FROM event_keys WHERE (roles & 2) <> 0
	UNION ALL SELECT event_id, key, type, 'person' FROM event_keys WHERE (roles & 4) <> 0
	UNION ALL SELECT event_id, key, type, 'country' FROM event_keys WHERE (roles & 8) <> 0
	UNION ALL SELECT event_id, key, type, 'pair' FROM event_keys WHERE (roles & 16) <> 0
), s AS (
	SELECT event_id, role, type, group_concat(key, '|' ORDER BY key) AS keys FROM r GROUP BY event_id, role, type
)
SELECT DISTINCT r.key, r.role, r.type, s.keys FROM r JOIN s ON s.event_id = r.event_id AND s.role = r.role;

DROP TABLE event_role_counts;
