-- Events of an actor towards another, and counts, so that Events can tell
-- how many events a common filter selects without counting them one by
-- one (see docs/PERFORMANCE.md).

-- Role 'pair': one row for every actor key and other recipient key of an
-- event, the two keys joined by a space (keys hold none).
INSERT INTO event_roles (key, role, date_lo, date_hi, type, event_id)
SELECT a.key || ' ' || b.key, 'pair', a.date_lo, a.date_hi, a.type, a.event_id
FROM event_roles a JOIN event_roles b ON b.event_id = a.event_id AND b.role = 'recipient' AND b.key <> a.key
WHERE a.role = 'actor';

-- The number of event_roles rows of each key, role and type.
CREATE TABLE event_role_counts (
	key  TEXT NOT NULL,
	role TEXT NOT NULL,
	type TEXT NOT NULL,
	n    BIGINT NOT NULL,
	PRIMARY KEY (key, role, type)
);
INSERT INTO event_role_counts (key, role, type, n)
	SELECT key, role, type, COUNT(*) FROM event_roles GROUP BY key, role, type;
