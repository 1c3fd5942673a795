-- event_roles answers the filters of Events (actor, with, person, country)
-- from one narrow index, dated and typed, so that counting the events of an
-- actor reads a range of it instead of probing every event: one row per
-- event, role and key (an actor id or a country code), kept by Ingest
-- alongside event_actors. Roles: actor and recipient (a symmetric event's
-- participants have both), person (participants that are persons), country
-- (every participant's country and the location's country).
CREATE TABLE event_roles (
	key      TEXT NOT NULL,
	role     TEXT NOT NULL,
	date_lo  TEXT NOT NULL, -- '' when undated
	date_hi  TEXT NOT NULL,
	type     TEXT NOT NULL,
	event_id TEXT NOT NULL,
	PRIMARY KEY (key, role, date_lo, date_hi, type, event_id)
) WITHOUT ROWID;
CREATE INDEX event_roles_event ON event_roles (event_id, role, key);

INSERT INTO event_roles (key, role, date_lo, date_hi, type, event_id)
SELECT DISTINCT k.key, k.role, COALESCE(e.date_lo, ''), COALESCE(e.date_hi, ''), e.type, e.id
FROM (
	SELECT a.event_id, a.actor_id AS key, 'actor' AS role FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'actor'
	UNION SELECT a.event_id, a.country, 'actor' FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'actor'
	UNION SELECT a.event_id, a.actor_id, 'recipient' FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'recipient'
	UNION SELECT a.event_id, a.country, 'recipient' FROM event_actors a JOIN events e ON e.id = a.event_id WHERE e.is_symmetric = 1 OR a.side = 'recipient'
	UNION SELECT event_id, actor_id, 'person' FROM event_actors WHERE kind = 'person'
	UNION SELECT event_id, country, 'person' FROM event_actors WHERE kind = 'person'
	UNION SELECT event_id, country, 'country' FROM event_actors
	UNION SELECT id, location_country, 'country' FROM events
) k JOIN events e ON e.id = k.event_id
WHERE k.key <> '';

-- Counting by type and dates without reading the events themselves.
CREATE INDEX events_type_date ON events (type, date_lo, date_hi);
