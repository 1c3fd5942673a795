-- event_keys replaces event_roles: one row per event and key (an actor id,
-- a country code, or for pairs "ACTOR RECIPIENT") with the roles the key
-- has in the event as bits (see roleNames: actor 1, recipient 2, person 4,
-- country 8, pair 16), where event_roles had a row per role. About half
-- the rows for ingest to write, for the same queries: a key's rows are
-- still one range of the primary key, and COUNT(*) still counts events.
CREATE TABLE event_keys (
	key      TEXT NOT NULL,
	date_lo  TEXT NOT NULL, -- '' when undated
	date_hi  TEXT NOT NULL,
	type     TEXT NOT NULL,
	event_id TEXT NOT NULL,
	roles    INTEGER NOT NULL,
	PRIMARY KEY (key, date_lo, date_hi, type, event_id)
);

-- From events and event_actors, as Ingest writes them (eventKeys): the
-- roles of 0005 and the pairs of 0006.
INSERT INTO event_keys (key, date_lo, date_hi, type, event_id, roles)
WITH k AS (
	SELECT a.event_id, a.actor_id AS key, 1 AS bit FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'actor'
	UNION SELECT a.event_id, a.country, 1 FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'actor'
	UNION SELECT a.event_id, a.actor_id, 2 FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'recipient'
	UNION SELECT a.event_id, a.country, 2 FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'recipient'
	UNION SELECT event_id, actor_id, 4 FROM event_actors WHERE kind = 'person'
	UNION SELECT event_id, country, 4 FROM event_actors WHERE kind = 'person'
	UNION SELECT event_id, country, 8 FROM event_actors
	UNION SELECT id, location_country, 8 FROM events
), r AS (
	SELECT event_id, key, bit FROM k WHERE key <> ''
	UNION SELECT a.event_id, a.key || ' ' || b.key, 16 FROM k a JOIN k b ON b.event_id = a.event_id AND b.bit = 2 AND b.key <> a.key
		WHERE a.bit = 1 AND a.key <> '' AND b.key <> ''
)
SELECT r.key, COALESCE(e.date_lo, ''), COALESCE(e.date_hi, ''), e.type, e.id, SUM(r.bit)
FROM r JOIN events e ON e.id = r.event_id
GROUP BY r.key, e.id, e.date_lo, e.date_hi, e.type;

-- The roles of an event's keys, for the participant conditions of a
-- filter and to replace an event's rows.
CREATE INDEX event_keys_event ON event_keys (event_id, roles);

DROP TABLE event_roles;

-- The same counts, recounted from event_keys (so that a database can be
-- checked against them).
DELETE FROM event_role_counts;
INSERT INTO event_role_counts (key, role, type, n)
SELECT key, role, type, COUNT(*) FROM (
	SELECT key, 'actor' AS role, type FROM event_keys WHERE (roles & 1) <> 0
	UNION ALL SELECT key, 'recipient', type FROM event_keys WHERE (roles & 2) <> 0
	UNION ALL SELECT key, 'person', type FROM event_keys WHERE (roles & 4) <> 0
	UNION ALL SELECT key, 'country', type FROM event_keys WHERE (roles & 8) <> 0
	UNION ALL SELECT key, 'pair', type FROM event_keys WHERE (roles & 16) <> 0
) r GROUP BY key, role, type;
