-- A symmetric event's keys are all both actor and recipient keys, so its
-- actor-recipient pairs were each there twice ("A B" and "B A", k(k-1)
-- rows for k keys, most of event_keys on news): they go once, sorted, as
-- "A~B" (see pairKey). event_keys, role_sets and role_set_keys are filled
-- again, from events and event_actors as 0008 and 0010 fill them.
DELETE FROM event_keys;
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
	UNION SELECT a.event_id, CASE WHEN e.is_symmetric = 1 THEN a.key || '~' || b.key ELSE a.key || ' ' || b.key END, 16
		FROM k a JOIN k b ON b.event_id = a.event_id AND b.bit = 2 AND b.key <> a.key JOIN events e ON e.id = a.event_id
		WHERE a.bit = 1 AND a.key <> '' AND b.key <> '' AND (e.is_symmetric = 0 OR a.key < b.key)
)
SELECT r.key, COALESCE(e.date_lo, ''), COALESCE(e.date_hi, ''), e.type, e.id, SUM(r.bit)
FROM r JOIN events e ON e.id = r.event_id
GROUP BY r.key, e.id, e.date_lo, e.date_hi, e.type;

DELETE FROM role_sets;
DELETE FROM role_set_keys;
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
