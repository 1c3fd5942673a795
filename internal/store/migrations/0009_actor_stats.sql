-- What the actor list shows, kept by Ingest instead of aggregated over
-- every participant and mention at each request (the overview took
-- seconds), and mention_actors, a row per actor of every mention, goes:
-- the names it held for look-ups are in actor_names, the aliases and
-- their counts in actor_aliases, and each mention's record has its actors.

-- Each way an actor was written (raw), with the canonical name, kind and
-- country given with it, and how many mention participants wrote it so.
CREATE TABLE actor_aliases (
	actor_id TEXT NOT NULL,
	kind     TEXT NOT NULL,
	name     TEXT NOT NULL,
	country  TEXT NOT NULL DEFAULT '',
	raw      TEXT NOT NULL DEFAULT '',
	n        BIGINT NOT NULL,
	PRIMARY KEY (actor_id, kind, name, country, raw)
);
INSERT INTO actor_aliases (actor_id, kind, name, country, raw, n)
	SELECT actor_id, kind, name, country, raw, COUNT(*) FROM mention_actors GROUP BY actor_id, kind, name, country, raw;

-- The merged events each actor takes part in, and when they were first
-- and last reported (NULL: no publication date known).
CREATE TABLE actor_stats (
	actor_id   TEXT PRIMARY KEY,
	events     BIGINT NOT NULL,
	first_seen TEXT,
	last_seen  TEXT
);
INSERT INTO actor_stats (actor_id, events, first_seen, last_seen)
	SELECT a.actor_id, COUNT(DISTINCT a.event_id), MIN(NULLIF(e.first_seen, '')), MAX(NULLIF(e.last_seen, ''))
	FROM event_actors a JOIN events e ON e.id = a.event_id GROUP BY a.actor_id;

DROP TABLE mention_actors;

-- No query looks participants up by country since event_roles (0005).
DROP INDEX event_actors_country;
